import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { updateProjectSettingsBody } from '@/lib/projects/schemas';
import { getProjectSettings, updateProjectSettings } from '@/lib/projects/settings';

// Reading the defaults is part of working with subscriptions; changing them changes how every later plan
// change bills, so only a full-access key (or a member's session) may.
export const GET = projectRoute({ scope: 'subscriptions:read' }, async ({ db, project }) => ok({ settings: await getProjectSettings(db, project) }));

export const PUT = projectRoute({ scope: '*', body: updateProjectSettingsBody }, async ({ db, project, actor, body }) =>
  ok({ settings: await updateProjectSettings(db, project, body, actor) }),
);
