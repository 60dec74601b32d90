import { customersApi } from '@/lib/api/table/customers';
import { projectRoute } from '@/lib/auth/routes';
import { createCustomer, customerView, listCustomers } from '@/lib/customers/service';
import { created, ok } from '@/lib/http/respond';

export const GET = projectRoute(customersApi.list, async ({ db, project, query }) =>
  ok(await listCustomers(db, project, query)),
);

export const POST = projectRoute(customersApi.create, async ({ db, project, actor, body, idempotencyKey }) =>
  created({ customer: customerView(await createCustomer(db, project, body, { idempotencyKey, actor })) }),
);
