import { projectRoute, teamRoute } from '@/lib/auth/routes';
import { updateProjectBody } from '@/lib/projects/schemas';
import { deleteProject, getProject, projectView, renameProject } from '@/lib/projects/service';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute({}, ({ project }) => ok({ project: projectView(project) }));

// Renaming and deleting a project are team administration: dashboard sessions only.
export const PATCH = teamRoute({ roles: ['owner', 'admin'], body: updateProjectBody }, async ({ db, params, body }) => {
  const project = await getProject(db, { teamId: params.teamId, projectId: params.projectId });
  return ok({ project: projectView(await renameProject(db, { project, name: body.name })) });
});

export const DELETE = teamRoute({ roles: ['owner', 'admin'] }, async ({ db, params }) => {
  const project = await getProject(db, { teamId: params.teamId, projectId: params.projectId });
  await deleteProject(db, { project });
  return ok({ id: project.id, deleted: true });
});
