import { rebuildAnalytics } from '@/lib/analytics/service';
import { analyticsApi } from '@/lib/api/table/analytics';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

export const POST = projectRoute(analyticsApi.rebuild, async ({ db, project }) => ok({ summary: await rebuildAnalytics(db, project) }));
