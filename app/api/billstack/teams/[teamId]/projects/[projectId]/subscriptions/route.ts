import { subscriptionsApi } from '@/lib/api/table/subscriptions';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { listSubscriptions } from '@/lib/subscriptions/service';

export const GET = projectRoute(subscriptionsApi.list, async ({ db, project, query }) =>
  ok(await listSubscriptions(db, project, query)),
);
