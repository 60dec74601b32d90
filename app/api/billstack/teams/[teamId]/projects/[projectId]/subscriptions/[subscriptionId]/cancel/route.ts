import { subscriptionsApi } from '@/lib/api/table/subscriptions';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { cancelSubscription } from '@/lib/subscriptions/service';
import { subscriptionView } from '@/lib/subscriptions/views';

export const POST = projectRoute(subscriptionsApi.cancel, async ({ db, project, actor, params, body }) =>
  ok({ subscription: subscriptionView(await cancelSubscription(db, project, params.subscriptionId, body, actor)) }),
);
