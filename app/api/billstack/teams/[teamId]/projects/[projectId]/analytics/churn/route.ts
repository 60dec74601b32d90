import { churnReport } from '@/lib/analytics/service';
import { analyticsApi } from '@/lib/api/table/analytics';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute(analyticsApi.churn, async ({ db, project, query }) =>
  ok({ churn: await churnReport(db, project, query) }),
);
