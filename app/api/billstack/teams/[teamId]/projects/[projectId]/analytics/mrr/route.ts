import { mrrReport } from '@/lib/analytics/service';
import { analyticsApi } from '@/lib/api/table/analytics';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute(analyticsApi.mrr, async ({ db, project, query }) =>
  ok({ mrr: await mrrReport(db, project, query) }),
);
