import { teamsApi } from '@/lib/api/table/teams';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { deleteTeam, renameTeam, teamView } from '@/lib/teams/service';

export const GET = teamRoute(teamsApi.get, ({ membership }) => ok({ team: teamView(membership) }));

export const PATCH = teamRoute(teamsApi.rename, async ({ db, membership, actor, body }) =>
  ok({ team: await renameTeam(db, { membership, actor, name: body.name }) }),
);

export const DELETE = teamRoute(teamsApi.delete, async ({ db, membership, actor }) => {
  await deleteTeam(db, { actor });
  return ok({ id: membership.team.id, deleted: true });
});
