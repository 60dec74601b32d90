import { membersApi } from '@/lib/api/table/teams';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { revokeInvitation } from '@/lib/teams/invitations';

export const DELETE = teamRoute(membersApi.revokeInvitation, async ({ db, actor, params }) =>
  ok(await revokeInvitation(db, { actor, invitationId: params.invitationId })),
);
