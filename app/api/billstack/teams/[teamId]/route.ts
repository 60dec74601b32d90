import { teamAdminRoles } from '@/lib/auth/roles';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { updateTeamBody } from '@/lib/teams/schemas';
import { renameTeam, teamView } from '@/lib/teams/service';

export const GET = teamRoute({}, ({ membership }) => ok({ team: teamView(membership) }));

export const PATCH = teamRoute({ roles: teamAdminRoles, body: updateTeamBody }, async ({ db, membership, actor, body }) =>
  ok({ team: await renameTeam(db, { membership, actor, name: body.name }) }),
);
