import { customersReport } from '@/lib/analytics/service';
import { analyticsApi } from '@/lib/api/table/analytics';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute(analyticsApi.customers, async ({ db, project, query }) =>
  ok({ customers: await customersReport(db, project, query) }),
);
