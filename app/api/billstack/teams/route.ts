import { teamsApi } from '@/lib/api/table/teams';
import { userRoute } from '@/lib/auth/routes';
import { created, ok } from '@/lib/http/respond';
import { createTeam, listTeams } from '@/lib/teams/service';

export const POST = userRoute(teamsApi.create, async ({ db, user, body }) =>
  created({ team: await createTeam(db, { userId: user.id, name: body.name }) }),
);

export const GET = userRoute(teamsApi.list, async ({ db, user, query }) =>
  ok(await listTeams(db, { userId: user.id, ...query })),
);
