import { projectRoute } from '@/lib/auth/routes';
import { paginationQuery } from '@/lib/http/pagination';
import { ok } from '@/lib/http/respond';
import { listCustomerSubscriptions } from '@/lib/subscriptions/service';

export const GET = projectRoute({ scope: 'subscriptions:read', query: paginationQuery }, async ({ db, project, params, query }) =>
  ok(await listCustomerSubscriptions(db, project, params.customerId, query)),
);
