import { customersApi } from '@/lib/api/table/customers';
import { projectRoute } from '@/lib/auth/routes';
import { customerView, deleteCustomer, getCustomer, updateCustomer } from '@/lib/customers/service';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute(customersApi.get, async ({ db, project, params }) =>
  ok({ customer: customerView(await getCustomer(db, project, params.customerId)) }),
);

export const PATCH = projectRoute(customersApi.update, async ({ db, project, actor, params, body }) =>
  ok({ customer: customerView(await updateCustomer(db, project, params.customerId, body, actor)) }),
);

export const DELETE = projectRoute(customersApi.delete, async ({ db, project, actor, params, query }) =>
  ok(await deleteCustomer(db, project, params.customerId, { force: query.force === 'true', actor })),
);
