import { customersApi } from '@/lib/api/table/customers';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { listCustomerSubscriptions } from '@/lib/subscriptions/service';

export const GET = projectRoute(customersApi.listSubscriptions, async ({ db, project, params, query }) =>
  ok(await listCustomerSubscriptions(db, project, params.customerId, query)),
);
