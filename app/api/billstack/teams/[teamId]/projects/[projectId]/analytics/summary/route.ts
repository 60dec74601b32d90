import { summaryReport } from '@/lib/analytics/service';
import { analyticsApi } from '@/lib/api/table/analytics';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute(analyticsApi.summary, async ({ db, project, query }) =>
  ok({ summary: await summaryReport(db, project, query) }),
);
