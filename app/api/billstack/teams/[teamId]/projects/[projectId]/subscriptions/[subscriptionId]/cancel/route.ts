import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { cancelSubscriptionBody } from '@/lib/subscriptions/schemas';
import { cancelSubscription, subscriptionView } from '@/lib/subscriptions/service';

export const POST = projectRoute(
  { scope: 'subscriptions:write', body: cancelSubscriptionBody },
  async ({ db, project, actor, params, body }) =>
    ok({ subscription: subscriptionView(await cancelSubscription(db, project, params.subscriptionId, body, actor)) }),
);
