import { exportCsv } from '@/lib/analytics/service';
import { analyticsApi } from '@/lib/api/table/analytics';
import { projectRoute } from '@/lib/auth/routes';
import { csv } from '@/lib/http/respond';

export const GET = projectRoute(analyticsApi.export, async ({ db, project, query }) =>
  csv(await exportCsv(db, project, query), `${query.metric}.csv`),
);
