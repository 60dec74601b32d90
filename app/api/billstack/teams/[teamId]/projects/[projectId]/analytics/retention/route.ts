import { retentionReport } from '@/lib/analytics/service';
import { analyticsApi } from '@/lib/api/table/analytics';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute(analyticsApi.retention, async ({ db, project, query }) =>
  ok({ retention: await retentionReport(db, project, query) }),
);
