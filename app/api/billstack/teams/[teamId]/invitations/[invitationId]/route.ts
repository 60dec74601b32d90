import { teamAdminRoles } from '@/lib/auth/roles';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { revokeInvitation } from '@/lib/teams/invitations';

export const DELETE = teamRoute({ roles: teamAdminRoles }, async ({ db, membership, params }) =>
  ok(await revokeInvitation(db, { teamId: membership.team.id, invitationId: params.invitationId })),
);
