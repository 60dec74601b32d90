import { projectRoute } from '@/lib/auth/routes';
import { retentionQuery } from '@/lib/analytics/schemas';
import { retentionReport } from '@/lib/analytics/service';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute({ scope: 'analytics:read', query: retentionQuery }, async ({ db, project, query }) =>
  ok({ retention: await retentionReport(db, project, query) }),
);
