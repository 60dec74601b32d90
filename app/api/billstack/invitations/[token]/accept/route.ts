import { userRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { acceptInvitation } from '@/lib/teams/invitations';

export const POST = userRoute({}, async ({ db, user, params }) => ok({ team: await acceptInvitation(db, { token: params.token, user }) }));
