import { projectRoute } from '@/lib/auth/routes';
import { deleteCustomerQuery, updateCustomerBody } from '@/lib/customers/schemas';
import { customerView, deleteCustomer, getCustomer, updateCustomer } from '@/lib/customers/service';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute({ scope: 'customers:read' }, async ({ db, project, params }) =>
  ok({ customer: customerView(await getCustomer(db, project, params.customerId)) }),
);

export const PATCH = projectRoute({ scope: 'customers:write', body: updateCustomerBody }, async ({ db, project, actor, params, body }) =>
  ok({ customer: customerView(await updateCustomer(db, project, params.customerId, body, actor)) }),
);

export const DELETE = projectRoute({ scope: 'customers:write', query: deleteCustomerQuery }, async ({ db, project, actor, params, query }) =>
  ok(await deleteCustomer(db, project, params.customerId, { force: query.force === 'true', actor })),
);
