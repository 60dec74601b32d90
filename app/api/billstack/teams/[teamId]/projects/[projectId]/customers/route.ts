import { projectRoute } from '@/lib/auth/routes';
import { createCustomerBody, listCustomersQuery } from '@/lib/customers/schemas';
import { createCustomer, customerView, listCustomers } from '@/lib/customers/service';
import { created, ok } from '@/lib/http/respond';

export const GET = projectRoute({ scope: 'customers:read', query: listCustomersQuery }, async ({ db, project, query }) =>
  ok(await listCustomers(db, project, query)),
);

export const POST = projectRoute(
  { scope: 'customers:write', body: createCustomerBody },
  async ({ db, project, actor, body, idempotencyKey }) =>
    created({ customer: customerView(await createCustomer(db, project, body, { idempotencyKey, actor })) }),
);
