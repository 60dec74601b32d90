import { NextResponse } from 'next/server';
import { stripeApi } from '@/lib/api/table/teams';
import { publicRoute } from '@/lib/auth/routes';
import { readBodyText, stripeIntakeBodyLimit } from '@/lib/http/body-limit';
import { clientIp } from '@/lib/http/client-ip';
import { BadRequest, PayloadTooLarge } from '@/lib/http/errors';
import { limitFailures } from '@/lib/rate-limit/limits';
import { intakeConnection, queueStripeEvent, verifyTeamEvent } from '@/lib/webhooks/intake';
import { webhookParams } from '@/lib/webhooks/schemas';

/**
 * Stripe authenticates itself with the signature, so the route is public; nothing is touched before it verifies.
 * It only verifies and stores: the worker applies the event (lib/worker), so Stripe gets its 200 in milliseconds.
 * What is cheap to refuse (an announced size over the limit, an unknown team, no signature) is refused before
 * the body is read.
 */
export const POST = publicRoute(stripeApi.intake, async ({ db, req, params }) => {
  const parsed = webhookParams.safeParse(params);
  if (!parsed.success) throw new BadRequest('Unknown team');
  const { teamId } = parsed.data;
  if (Number(req.headers.get('content-length') ?? NaN) > stripeIntakeBodyLimit) throw new PayloadTooLarge(stripeIntakeBodyLimit);
  const event = await limitFailures('intakeFailures', clientIp(req), async () => {
    const connection = await intakeConnection(db, teamId);
    if (!connection) throw new BadRequest('Stripe is not connected for this team', 'stripe_not_connected');
    const signature = req.headers.get('stripe-signature');
    if (!signature) throw new BadRequest('Missing Stripe-Signature header', 'invalid_stripe_signature');
    return verifyTeamEvent(db, connection, await readBodyText(req, stripeIntakeBodyLimit), signature);
  });
  return NextResponse.json(await queueStripeEvent(db, teamId, event));
});
