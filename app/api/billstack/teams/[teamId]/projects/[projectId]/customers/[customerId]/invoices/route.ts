import { customersApi } from '@/lib/api/table/customers';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { listCustomerInvoices } from '@/lib/subscriptions/service';

export const GET = projectRoute(customersApi.listInvoices, async ({ db, project, params, query }) =>
  ok(await listCustomerInvoices(db, project, params.customerId, query)),
);
