import { NextResponse } from 'next/server';
import { publicRoute } from '@/lib/auth/routes';
import { readBodyText, stripeIntakeBodyLimit } from '@/lib/http/body-limit';
import { clientIp } from '@/lib/http/client-ip';
import { BadRequest } from '@/lib/http/errors';
import { limitFailures } from '@/lib/rate-limit/limits';
import { receiveStripeEvent, sweepDueEvents, verifyStripeEvent } from '@/lib/webhooks/intake';
import { webhookParams } from '@/lib/webhooks/schemas';

// Stripe authenticates itself with the signature, so the route is public; nothing is touched before it verifies.
export const POST = publicRoute({}, async ({ db, req, params }) => {
  const parsed = webhookParams.safeParse(params);
  if (!parsed.success) throw new BadRequest('Unknown team');
  const { teamId } = parsed.data;
  const event = await limitFailures('intakeFailures', clientIp(req), async () =>
    verifyStripeEvent(db, teamId, await readBodyText(req, stripeIntakeBodyLimit), req.headers.get('stripe-signature')),
  );
  const receipt = await receiveStripeEvent(db, teamId, event);
  if (receipt.result === 'failed') {
    // A non-2xx makes Stripe deliver the event again; it is also kept and retried here.
    return NextResponse.json(receipt, { status: 500 });
  }
  // Earlier failures get another go once Stripe's side works again.
  sweepDueEvents(db, teamId);
  return NextResponse.json(receipt);
});
