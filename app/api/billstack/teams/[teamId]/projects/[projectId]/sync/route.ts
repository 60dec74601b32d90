import { latestHistoryImportView, syncWithHistory } from '@/lib/analytics/import';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute({ scope: 'analytics:read' }, async ({ db, project }) => ok({ import: await latestHistoryImportView(db, project) }));

export const POST = projectRoute({ scope: '*' }, async ({ db, project }) => ok(await syncWithHistory(db, project)));
