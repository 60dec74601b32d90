import { teamRoute } from '@/lib/auth/routes';
import { paginationQuery } from '@/lib/http/pagination';
import { created, ok } from '@/lib/http/respond';
import { addMemberBody } from '@/lib/teams/schemas';
import { addMember, listMembers } from '@/lib/teams/service';

export const GET = teamRoute({ query: paginationQuery }, async ({ db, membership, query }) =>
  ok(await listMembers(db, { teamId: membership.team.id, ...query })),
);

export const POST = teamRoute({ roles: ['owner', 'admin'], body: addMemberBody }, async ({ db, membership, body }) =>
  created({ member: await addMember(db, { membership, ...body }) }),
);
