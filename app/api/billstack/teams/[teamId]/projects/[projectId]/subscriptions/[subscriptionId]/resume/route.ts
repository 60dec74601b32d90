import { subscriptionsApi } from '@/lib/api/table/subscriptions';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { resumeSubscription, subscriptionView } from '@/lib/subscriptions/service';

export const POST = projectRoute(subscriptionsApi.resume, async ({ db, project, actor, params }) =>
  ok({ subscription: subscriptionView(await resumeSubscription(db, project, params.subscriptionId, actor)) }),
);
