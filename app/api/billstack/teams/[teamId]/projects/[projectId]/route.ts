import { teamAdminRoles } from '@/lib/auth/roles';
import { projectRoute, teamRoute } from '@/lib/auth/routes';
import { updateProjectBody } from '@/lib/projects/schemas';
import { deleteProject, getProject, projectView, updateProject } from '@/lib/projects/service';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute({}, ({ project }) => ok({ project: projectView(project) }));

// Changing and deleting a project are team administration: dashboard sessions only.
export const PATCH = teamRoute({ roles: teamAdminRoles, body: updateProjectBody }, async ({ db, actor, params, body }) => {
  const project = await getProject(db, { teamId: params.teamId, projectId: params.projectId });
  return ok({ project: projectView(await updateProject(db, { actor, project, changes: body })) });
});

export const DELETE = teamRoute({ roles: teamAdminRoles }, async ({ db, actor, params }) => {
  const project = await getProject(db, { teamId: params.teamId, projectId: params.projectId });
  await deleteProject(db, { actor, project });
  return ok({ id: project.id, deleted: true });
});
