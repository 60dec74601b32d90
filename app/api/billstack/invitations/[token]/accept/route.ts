import { teamsApi } from '@/lib/api/table/teams';
import { userActor } from '@/lib/audit/service';
import { userRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { acceptInvitation } from '@/lib/teams/invitations';

// The invitee acts in the team they join: the audit event is that team's.
export const POST = userRoute(teamsApi.acceptInvitation, async ({ req, db, requestId, user, params }) =>
  ok({ team: await acceptInvitation(db, { token: params.token, user, actorIn: (teamId) => userActor(req, { teamId, requestId, user }) }) }),
);
