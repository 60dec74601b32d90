import { projectRoute } from '@/lib/auth/routes';
import { analyticsQuery } from '@/lib/analytics/schemas';
import { customersReport } from '@/lib/analytics/service';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute({ scope: 'analytics:read', query: analyticsQuery }, async ({ db, project, query }) =>
  ok({ customers: await customersReport(db, project, query) }),
);
