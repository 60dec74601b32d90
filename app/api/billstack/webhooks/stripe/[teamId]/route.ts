import { stripeApi } from '@/lib/api/table/teams';
import { publicRoute } from '@/lib/auth/routes';
import { BadRequest } from '@/lib/http/errors';
import { ok } from '@/lib/http/respond';
import { receiveStripeDelivery } from '@/lib/webhooks/intake';
import { webhookParams } from '@/lib/webhooks/schemas';

/**
 * The intake at the URL BillStack registered with Stripe before it named the team in the query: endpoints
 * registered then keep delivering here after an upgrade. Same checks, same answers.
 */
export const POST = publicRoute(stripeApi.intakeAtTeamPath, async ({ db, req, params }) => {
  const parsed = webhookParams.safeParse(params);
  if (!parsed.success) throw new BadRequest('Unknown team');
  return ok(await receiveStripeDelivery(db, req, parsed.data.teamId));
});
