import { teamAdminRoles } from '@/lib/auth/roles';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { revokeInvitation } from '@/lib/teams/invitations';

export const DELETE = teamRoute({ roles: teamAdminRoles }, async ({ db, actor, params }) =>
  ok(await revokeInvitation(db, { actor, invitationId: params.invitationId })),
);
