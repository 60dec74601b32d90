import { subscriptionsApi } from '@/lib/api/table/subscriptions';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { getSubscription } from '@/lib/subscriptions/service';
import { subscriptionView } from '@/lib/subscriptions/views';

export const GET = projectRoute(subscriptionsApi.get, async ({ db, project, params }) =>
  ok({ subscription: subscriptionView(await getSubscription(db, project, params.subscriptionId)) }),
);
