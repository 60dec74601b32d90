import { projectsApi } from '@/lib/api/table/projects';
import { teamRoute } from '@/lib/auth/routes';
import { created, ok } from '@/lib/http/respond';
import { createProject, listProjects, projectView } from '@/lib/projects/service';

export const POST = teamRoute(projectsApi.create, async ({ db, actor, body }) =>
  created({ project: projectView(await createProject(db, { actor, name: body.name })) }),
);

export const GET = teamRoute(projectsApi.list, async ({ db, membership, query }) => {
  const { projects, total } = await listProjects(db, { teamId: membership.team.id, ...query });
  return ok({ projects: projects.map(projectView), total });
});
