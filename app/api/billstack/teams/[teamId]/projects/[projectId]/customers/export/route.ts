import { customersApi } from '@/lib/api/table/customers';
import { projectRoute } from '@/lib/auth/routes';
import { exportCustomersCsv } from '@/lib/customers/service';
import { csv } from '@/lib/http/respond';

export const GET = projectRoute(customersApi.export, async ({ db, project, query }) =>
  csv(await exportCustomersCsv(db, project, query), 'customers.csv'),
);
