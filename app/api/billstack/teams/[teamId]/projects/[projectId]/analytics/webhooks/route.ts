import { projectRoute } from '@/lib/auth/routes';
import { webhookStatsQuery } from '@/lib/analytics/schemas';
import { ok } from '@/lib/http/respond';
import { webhookStats } from '@/lib/webhooks/stats';

export const GET = projectRoute({ scope: 'analytics:read', query: webhookStatsQuery }, async ({ db, project, query }) =>
  ok({ webhooks: await webhookStats(db, project, query) }),
);
