import { subscriptionsApi } from '@/lib/api/table/subscriptions';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { resumeSubscription } from '@/lib/subscriptions/service';
import { subscriptionView } from '@/lib/subscriptions/views';

export const POST = projectRoute(subscriptionsApi.resume, async ({ db, project, actor, params }) =>
  ok({ subscription: subscriptionView(await resumeSubscription(db, project, params.subscriptionId, actor)) }),
);
