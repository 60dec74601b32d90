import { analyticsApi } from '@/lib/api/table/analytics';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { webhookStats } from '@/lib/webhooks/stats';

export const GET = projectRoute(analyticsApi.webhooks, async ({ db, project, query }) =>
  ok({ webhooks: await webhookStats(db, project, query) }),
);
