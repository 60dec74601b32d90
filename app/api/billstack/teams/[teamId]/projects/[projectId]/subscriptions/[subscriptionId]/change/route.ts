import { subscriptionsApi } from '@/lib/api/table/subscriptions';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { changePlan } from '@/lib/subscriptions/plan-changes';
import { subscriptionView } from '@/lib/subscriptions/views';

export const POST = projectRoute(subscriptionsApi.change, async ({ db, project, actor, params, body }) =>
  ok({ subscription: subscriptionView(await changePlan(db, project, params.subscriptionId, body, actor)) }),
);
