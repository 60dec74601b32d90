import { startHistoryImports } from '@/lib/analytics/import';
import { teamRoute } from '@/lib/auth/routes';
import { created, ok } from '@/lib/http/respond';
import { connectionView, connectStripe, disconnectStripe, findConnection } from '@/lib/stripe/connection';
import { connectStripeBody } from '@/lib/stripe/schemas';
import { publicOrigin } from '@/lib/http/origin';

const stripeAdmins = ['owner', 'admin'] as const;

export const GET = teamRoute({ roles: stripeAdmins }, async ({ db, membership }) =>
  ok({ stripe: connectionView(await findConnection(db, membership.team.id)) }),
);

export const POST = teamRoute({ roles: stripeAdmins, body: connectStripeBody }, async ({ db, membership, body, req }) => {
  const connection = await connectStripe(db, { teamId: membership.team.id, secretKey: body.secretKey, origin: publicOrigin(req) });
  await startHistoryImports(db, membership.team.id);
  return created({ stripe: connectionView(connection) });
});

export const DELETE = teamRoute({ roles: stripeAdmins }, async ({ db, membership }) => {
  await disconnectStripe(db, { teamId: membership.team.id });
  return ok({ stripe: connectionView(null) });
});
