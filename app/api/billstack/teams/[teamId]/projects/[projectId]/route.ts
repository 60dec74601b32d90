import { projectRoute } from '@/lib/auth/routes';
import { updateProjectBody } from '@/lib/projects/schemas';
import { deleteProject, projectView, renameProject } from '@/lib/projects/service';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute({}, ({ project }) => ok({ project: projectView(project) }));

export const PATCH = projectRoute({ roles: ['owner', 'admin'], body: updateProjectBody }, async ({ db, project, body }) =>
  ok({ project: projectView(await renameProject(db, { project, name: body.name })) }),
);

export const DELETE = projectRoute({ roles: ['owner', 'admin'] }, async ({ db, project }) => {
  await deleteProject(db, { project });
  return ok({ id: project.id, deleted: true });
});
