import { projectRoute } from '@/lib/auth/routes';
import { exportCustomersQuery } from '@/lib/customers/schemas';
import { exportCustomersCsv } from '@/lib/customers/service';
import { csv } from '@/lib/http/respond';

export const GET = projectRoute({ scope: 'customers:read', query: exportCustomersQuery }, async ({ db, project, query }) =>
  csv(await exportCustomersCsv(db, project, query), 'customers.csv'),
);
