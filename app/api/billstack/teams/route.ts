import { userRoute } from '@/lib/auth/routes';
import { paginationQuery } from '@/lib/http/pagination';
import { created, ok } from '@/lib/http/respond';
import { createTeamBody } from '@/lib/teams/schemas';
import { createTeam, listTeams } from '@/lib/teams/service';

export const POST = userRoute({ body: createTeamBody }, async ({ db, user, body }) =>
  created({ team: await createTeam(db, { userId: user.id, name: body.name }) }),
);

export const GET = userRoute({ query: paginationQuery }, async ({ db, user, query }) =>
  ok(await listTeams(db, { userId: user.id, ...query })),
);
