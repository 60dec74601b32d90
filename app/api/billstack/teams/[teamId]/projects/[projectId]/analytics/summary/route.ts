import { projectRoute } from '@/lib/auth/routes';
import { summaryQuery } from '@/lib/analytics/schemas';
import { summaryReport } from '@/lib/analytics/service';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute({ scope: 'analytics:read', query: summaryQuery }, async ({ db, project, query }) =>
  ok({ summary: await summaryReport(db, project, query) }),
);
