import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { listSubscriptionsQuery } from '@/lib/subscriptions/schemas';
import { listSubscriptions } from '@/lib/subscriptions/service';

export const GET = projectRoute({ scope: 'subscriptions:read', query: listSubscriptionsQuery }, async ({ db, project, query }) =>
  ok(await listSubscriptions(db, project, query)),
);
