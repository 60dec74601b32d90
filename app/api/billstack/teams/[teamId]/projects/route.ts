import { teamAdminRoles } from '@/lib/auth/roles';
import { teamRoute } from '@/lib/auth/routes';
import { paginationQuery } from '@/lib/http/pagination';
import { createProjectBody } from '@/lib/projects/schemas';
import { createProject, listProjects, projectView } from '@/lib/projects/service';
import { created, ok } from '@/lib/http/respond';

export const POST = teamRoute({ roles: teamAdminRoles, body: createProjectBody }, async ({ db, actor, body }) =>
  created({ project: projectView(await createProject(db, { actor, name: body.name })) }),
);

export const GET = teamRoute({ query: paginationQuery }, async ({ db, membership, query }) => {
  const { projects, total } = await listProjects(db, { teamId: membership.team.id, ...query });
  return ok({ projects: projects.map(projectView), total });
});
