import { projectRoute } from '@/lib/auth/routes';
import { exportQuery } from '@/lib/analytics/schemas';
import { exportCsv } from '@/lib/analytics/service';
import { csv } from '@/lib/http/respond';

export const GET = projectRoute({ scope: 'analytics:read', query: exportQuery }, async ({ db, project, query }) =>
  csv(await exportCsv(db, project, query), `${query.metric}.csv`),
);
