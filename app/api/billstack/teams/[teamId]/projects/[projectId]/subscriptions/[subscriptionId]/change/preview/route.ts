import { subscriptionsApi } from '@/lib/api/table/subscriptions';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { previewPlanChange } from '@/lib/subscriptions/plan-changes';

// A POST only because it takes the change's body; it changes nothing, so reading subscriptions suffices.
export const POST = projectRoute(subscriptionsApi.previewChange, async ({ db, project, params, body }) =>
  ok({ preview: await previewPlanChange(db, project, params.subscriptionId, body) }),
);
