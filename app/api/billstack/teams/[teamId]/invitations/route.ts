import { membersApi } from '@/lib/api/table/teams';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { listInvitations } from '@/lib/teams/invitations';

export const GET = teamRoute(membersApi.listInvitations, async ({ db, membership, query }) =>
  ok(await listInvitations(db, { teamId: membership.team.id, ...query })),
);
