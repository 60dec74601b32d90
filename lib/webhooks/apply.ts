import { onChargeRefunded } from '@/lib/referrals/rewards';
import { applyCoupon, applyPrice, applyProduct } from '@/lib/stripe/mirror/catalog';
import { applyCustomer } from '@/lib/stripe/mirror/customers';
import { applyInvoice } from '@/lib/stripe/mirror/invoices';
import { ignored, type ApplyResult, type MirrorContext } from '@/lib/stripe/mirror/object';
import { applyCheckoutSession, applySubscription } from '@/lib/stripe/mirror/subscriptions';
import { applySubscriptionSchedule } from '@/lib/stripe/mirror/subscription-schedules';
import type { StripeEventEnvelope } from './schemas';

interface ApplyContext extends MirrorContext {
  /** The pending events of one object, oldest first. */
  events: StripeEventEnvelope[];
}

// Every handler re-reads the object from Stripe, so events may come in any order and any number of
// times: the last one applied always leaves Stripe's current state, and one read covers all pending events.
const handlers: Record<string, (ctx: ApplyContext, objectId: string) => Promise<ApplyResult>> = {
  customer: applyCustomer,
  product: applyProduct,
  price: applyPrice,
  coupon: applyCoupon,
  // Each subscription event still adds its own history row (the analytics' record of changes).
  subscription: (ctx, id) => applySubscription(ctx, id, ctx.events),
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

/** Applies the pending events of one Stripe object (oldest first, at least one) with one re-read of it. */
export async function applyStripeEvents(ctx: ApplyContext): Promise<ApplyResult> {
  const newest = ctx.events.at(-1)!;
  const handler = handlers[kindOf(newest)];
  const objectId = newest.data.object.id;
  if (!handler || !objectId) return ignored(`BillStack does not use ${newest.type} events`);
  return handler(ctx, objectId);
}
