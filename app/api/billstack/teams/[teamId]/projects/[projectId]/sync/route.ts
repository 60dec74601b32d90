import { latestHistoryImportView, syncWithHistory } from '@/lib/analytics/import';
import { projectsApi } from '@/lib/api/table/projects';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute(projectsApi.getSync, async ({ db, project }) => ok({ import: await latestHistoryImportView(db, project) }));

export const POST = projectRoute(projectsApi.sync, async ({ db, project }) => ok(await syncWithHistory(db, project)));
