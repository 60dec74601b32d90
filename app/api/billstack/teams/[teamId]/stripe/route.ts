import { startHistoryImports } from '@/lib/analytics/import';
import { teamAdminRoles } from '@/lib/auth/roles';
import { teamRoute } from '@/lib/auth/routes';
import { created, ok } from '@/lib/http/respond';
import { connectionView, connectStripe, disconnectStripe, findConnection } from '@/lib/stripe/connection';
import { connectStripeBody } from '@/lib/stripe/schemas';
import { publicOrigin } from '@/lib/http/origin';

export const GET = teamRoute({ roles: teamAdminRoles }, async ({ db, membership }) =>
  ok({ stripe: connectionView(await findConnection(db, membership.team.id)) }),
);

export const POST = teamRoute({ roles: teamAdminRoles, body: connectStripeBody }, async ({ db, membership, actor, body, req }) => {
  const connection = await connectStripe(db, { actor, secretKey: body.secretKey, origin: publicOrigin(req) });
  await startHistoryImports(db, membership.team.id);
  return created({ stripe: connectionView(connection) });
});

export const DELETE = teamRoute({ roles: teamAdminRoles }, async ({ db, actor }) => {
  await disconnectStripe(db, { actor });
  return ok({ stripe: connectionView(null) });
});
