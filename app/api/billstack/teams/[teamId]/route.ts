import { teamAdminRoles, teamOwnerRoles } from '@/lib/auth/roles';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { updateTeamBody } from '@/lib/teams/schemas';
import { deleteTeam, renameTeam, teamView } from '@/lib/teams/service';

export const GET = teamRoute({}, ({ membership }) => ok({ team: teamView(membership) }));

export const PATCH = teamRoute({ roles: teamAdminRoles, body: updateTeamBody }, async ({ db, membership, actor, body }) =>
  ok({ team: await renameTeam(db, { membership, actor, name: body.name }) }),
);

export const DELETE = teamRoute({ roles: teamOwnerRoles }, async ({ db, membership, actor }) => {
  await deleteTeam(db, { actor });
  return ok({ id: membership.team.id, deleted: true });
});
