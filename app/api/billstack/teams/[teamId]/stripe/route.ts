import { startHistoryImports } from '@/lib/analytics/import';
import { stripeApi } from '@/lib/api/table/teams';
import { teamRoute } from '@/lib/auth/routes';
import { publicOrigin } from '@/lib/http/origin';
import { created, ok } from '@/lib/http/respond';
import { connectionView, connectStripe, disconnectStripe, findConnection } from '@/lib/stripe/connection';

export const GET = teamRoute(stripeApi.get, async ({ db, membership }) =>
  ok({ stripe: connectionView(await findConnection(db, membership.team.id)) }),
);

export const POST = teamRoute(stripeApi.connect, async ({ db, membership, actor, body, req }) => {
  const connection = await connectStripe(db, { actor, secretKey: body.secretKey, origin: publicOrigin(req) });
  await startHistoryImports(db, membership.team.id);
  return created({ stripe: connectionView(connection) });
});

export const DELETE = teamRoute(stripeApi.disconnect, async ({ db, actor }) => {
  await disconnectStripe(db, { actor });
  return ok({ stripe: connectionView(null) });
});
