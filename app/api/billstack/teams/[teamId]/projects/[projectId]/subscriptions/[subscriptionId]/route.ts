import { subscriptionsApi } from '@/lib/api/table/subscriptions';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { getSubscription, subscriptionView } from '@/lib/subscriptions/service';

export const GET = projectRoute(subscriptionsApi.get, async ({ db, project, params }) =>
  ok({ subscription: subscriptionView(await getSubscription(db, project, params.subscriptionId)) }),
);
