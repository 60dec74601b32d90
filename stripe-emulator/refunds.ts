// Refunds of a card payment (docs.stripe.com/api/refunds/create): by `payment_intent` or `charge`, the
// whole remaining amount unless `amount` says less. Card refunds succeed at once in test mode; the charge's
// `amount_refunded` grows and it is `refunded` once nothing is left. Events: `refund.created` and
// `charge.refunded` (docs.stripe.com/api/events/types#event_types-charge.refunded).
import type Stripe from 'stripe';
import { clockNow } from './clock';
import type { Ctx, Route } from './context';
import { testClockOf } from './customers';
import { invalidRequest } from './errors';
import { emit } from './events';
import { mergeMetadata } from './form';
import { clone, find, findOr404, insert, listAll, newId, paginate, previousAttributes } from './store';

const reasons = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

function chargeToRefund(ctx: Ctx, chargeId: string | undefined, paymentIntentId: string | undefined): Stripe.Charge {
  if (chargeId !== undefined && paymentIntentId !== undefined) {
    throw invalidRequest('You cannot specify both a charge and a payment_intent.', 'payment_intent');
  }
  if (chargeId !== undefined) return findOr404(ctx.account, 'charges', chargeId, 'charge');
  if (paymentIntentId === undefined) throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.');
  const paymentIntent = findOr404(ctx.account, 'payment_intents', paymentIntentId, 'payment_intent');
  const charge = paymentIntent.latest_charge ? find(ctx.account, 'charges', String(paymentIntent.latest_charge)) : undefined;
  if (!charge) {
    throw invalidRequest(`This PaymentIntent (${paymentIntentId}) does not have a successful charge to refund.`, 'payment_intent');
  }
  return charge;
}

function createRefund(ctx: Ctx, body: Parameters<Route['handler']>[0]['body']): Stripe.Refund {
  const charge = chargeToRefund(ctx, body.string('charge'), body.string('payment_intent'));
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining === 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
  }
  const amount = body.integer('amount', { min: 1 }) ?? remaining;
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
      'amount',
      'amount_too_large',
    );
  }
  const customer = charge.customer ? find(ctx.account, 'customers', String(charge.customer)) : undefined;
  const at = clockNow(ctx.account, customer && !customer.deleted ? testClockOf(customer) : null);
  const refund: Stripe.Refund = {
    id: newId('re'),
    object: 'refund',
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: at,
    currency: charge.currency,
    customer: charge.customer ? String(charge.customer) : null,
    customer_account: null,
    metadata: mergeMetadata({}, body.metadata()),
    payment_intent: charge.payment_intent ? String(charge.payment_intent) : null,
    payment_method: charge.payment_method,
    reason: body.oneOf('reason', reasons) ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
  insert(ctx.account, 'refunds', refund);
  const before = clone(charge);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  emit(ctx, 'refund.created', refund, { at });
  emit(ctx, 'charge.refunded', charge, { previous: previousAttributes(before, charge), at });
  return refund;
}

export const refundRoutes: Route[] = [
  { method: 'POST', path: '/v1/refunds', handler: (req) => createRefund(req, req.body) },
  { method: 'GET', path: '/v1/refunds/:id', handler: ({ account, params }) => findOr404(account, 'refunds', params.id) },
  {
    method: 'GET',
    path: '/v1/refunds',
    handler: ({ account, body }) => {
      const charge = body.string('charge');
      const paymentIntent = body.string('payment_intent');
      const refunds = listAll(account, 'refunds').filter(
        (r) => (charge === undefined || r.charge === charge) && (paymentIntent === undefined || r.payment_intent === paymentIntent),
      );
      return paginate(refunds, body, '/v1/refunds');
    },
  },
];
