import { projectsApi } from '@/lib/api/table/projects';
import { projectRoute, teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { deleteProject, getProject, projectView, updateProject } from '@/lib/projects/service';

export const GET = projectRoute(projectsApi.get, ({ project }) => ok({ project: projectView(project) }));

// Changing and deleting a project are team administration: dashboard sessions only.
export const PATCH = teamRoute(projectsApi.update, async ({ db, actor, params, body }) => {
  const project = await getProject(db, { teamId: params.teamId, projectId: params.projectId });
  return ok({ project: projectView(await updateProject(db, { actor, project, changes: body })) });
});

export const DELETE = teamRoute(projectsApi.delete, async ({ db, actor, params }) => {
  const project = await getProject(db, { teamId: params.teamId, projectId: params.projectId });
  await deleteProject(db, { actor, project });
  return ok({ id: project.id, deleted: true });
});
