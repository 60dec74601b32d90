import { teamAdminRoles } from '@/lib/auth/roles';
import { teamRoute } from '@/lib/auth/routes';
import { paginationQuery } from '@/lib/http/pagination';
import { created, ok } from '@/lib/http/respond';
import { publicOrigin } from '@/lib/http/origin';
import { inviteMember } from '@/lib/teams/invitations';
import { inviteMemberBody } from '@/lib/teams/schemas';
import { listMembers } from '@/lib/teams/service';

export const GET = teamRoute({ query: paginationQuery }, async ({ db, membership, query }) =>
  ok(await listMembers(db, { teamId: membership.team.id, ...query })),
);

// Adding a member always mails an invitation, whether or not the address has an account.
export const POST = teamRoute({ roles: teamAdminRoles, body: inviteMemberBody }, async ({ req, db, membership, actor, body }) =>
  created({ invitation: await inviteMember(db, { membership, actor, origin: publicOrigin(req), ...body }) }),
);
