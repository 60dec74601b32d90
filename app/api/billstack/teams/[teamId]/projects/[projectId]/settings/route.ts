import { projectsApi } from '@/lib/api/table/projects';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { getProjectSettings, updateProjectSettings } from '@/lib/projects/settings';

// Reading the defaults is part of working with subscriptions; changing them changes how every later plan
// change bills, so only a full-access key (or a member's session) may.
export const GET = projectRoute(projectsApi.getSettings, async ({ db, project }) => ok({ settings: await getProjectSettings(db, project) }));

export const PUT = projectRoute(projectsApi.putSettings, async ({ db, project, actor, body }) =>
  ok({ settings: await updateProjectSettings(db, project, body, actor) }),
);
