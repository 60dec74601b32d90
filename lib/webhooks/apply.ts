import { onChargeRefunded } from '@/lib/referrals/rewards';
import { applyCoupon, applyPrice, applyProduct } from '@/lib/stripe/mirror/catalog';
import { applyCustomer } from '@/lib/stripe/mirror/customers';
import { applyInvoice } from '@/lib/stripe/mirror/invoices';
import { ignored, type ApplyResult, type MirrorContext } from '@/lib/stripe/mirror/object';
import { applyCheckoutSession, applySubscription } from '@/lib/stripe/mirror/subscriptions';
import { applySubscriptionSchedule } from '@/lib/stripe/mirror/subscription-schedules';
import type { StripeEventEnvelope } from './schemas';

interface ApplyContext extends MirrorContext {
  event: StripeEventEnvelope;
}

// Every handler re-reads the object from Stripe, so events may come in any order and any number of
// times: the last one applied always leaves Stripe's current state.
const handlers: Record<string, (ctx: ApplyContext, objectId: string) => Promise<ApplyResult>> = {
  customer: applyCustomer,
  product: applyProduct,
  price: applyPrice,
  coupon: applyCoupon,
  subscription: (ctx, id) => applySubscription(ctx, id, ctx.event),
  subscription_schedule: applySubscriptionSchedule,
  invoice: applyInvoice,
  'checkout.session': applyCheckoutSession,
  // Only `charge.refunded` is subscribed to: a refund may void the referral its payment qualified.
  charge: ({ db, stripe, teamId }, id) => onChargeRefunded(db, stripe, teamId, id),
};

/** The object kind an event is about, by Stripe's naming (`customer.subscription.updated` → subscription). */
function kindOf(event: StripeEventEnvelope): string {
  return event.data.object.object;
}

export async function applyStripeEvent(ctx: ApplyContext): Promise<ApplyResult> {
  const handler = handlers[kindOf(ctx.event)];
  const objectId = ctx.event.data.object.id;
  if (!handler || !objectId) return ignored(`BillStack does not use ${ctx.event.type} events`);
  return handler(ctx, objectId);
}
