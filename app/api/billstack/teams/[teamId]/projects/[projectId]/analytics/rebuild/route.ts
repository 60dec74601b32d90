import { projectRoute } from '@/lib/auth/routes';
import { rebuildAnalytics } from '@/lib/analytics/service';
import { ok } from '@/lib/http/respond';

export const POST = projectRoute({ scope: '*' }, async ({ db, project }) => ok({ summary: await rebuildAnalytics(db, project) }));
