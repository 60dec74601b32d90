import { membersApi } from '@/lib/api/table/teams';
import { teamRoute } from '@/lib/auth/routes';
import { publicOrigin } from '@/lib/http/origin';
import { created, ok } from '@/lib/http/respond';
import { inviteMember } from '@/lib/teams/invitations';
import { listMembers } from '@/lib/teams/service';

export const GET = teamRoute(membersApi.list, async ({ db, membership, query }) =>
  ok(await listMembers(db, { teamId: membership.team.id, ...query })),
);

// Adding a member always mails an invitation, whether or not the address has an account.
export const POST = teamRoute(membersApi.invite, async ({ req, db, membership, actor, body }) =>
  created({ invitation: await inviteMember(db, { membership, actor, origin: publicOrigin(req), ...body }) }),
);
