import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import type { Customer, Price, Project } from '@/db/schema';
import type { ActorContext } from '@/lib/audit/service';
import { getPrice } from '@/lib/catalog/prices';
import { createCustomer, findCustomerByEmail, getCustomer } from '@/lib/customers/service';
import { BadRequest, Conflict } from '@/lib/http/errors';
import { isoTime } from '@/lib/http/respond';
import { requireAllowedOrigin } from '@/lib/projects/service';
import { checkoutRefereeCoupon, pendingRefereeCoupon } from '@/lib/referrals/rewards';
import { checkReferralApplies } from '@/lib/referrals/service';
import { stripeForTeam } from '@/lib/stripe/connection';
import { createInStripe, tagKeys } from '@/lib/stripe/metadata';
import type { CreateCheckoutBody } from './schemas';

/** Tags a checkout adds beside `tagKeys`; the referrals module reads the code back from the subscription. */
export const checkoutTagKeys = { customer: 'billstack_customer_id', referralCode: 'billstack_referral_code' } as const;

/**
 * The paying customer: the one named, or the project's customer with that email, created when there is none.
 * A customer created here is kept even if the session then fails: a customer without a subscription is valid,
 * and the client's retry finds and reuses it.
 */
async function checkoutCustomer(
  db: Executor,
  project: Project,
  body: CreateCheckoutBody,
  { idempotencyKey, actor }: { idempotencyKey: string | null; actor: ActorContext },
): Promise<Customer> {
  if (body.customerId !== undefined) return getCustomer(db, project, body.customerId);
  const email = body.customerEmail!;
  const known = await findCustomerByEmail(db, project, email);
  if (known) return known;
  try {
    // Its own Stripe key, so a client reusing one Idempotency-Key for POST /customers cannot collide with it.
    return await createCustomer(db, project, { email }, { idempotencyKey: idempotencyKey && `checkout:${idempotencyKey}`, actor });
  } catch (error) {
    // A concurrent checkout created the customer first: that one is ours too.
    const raced = error instanceof Conflict ? await findCustomerByEmail(db, project, email) : null;
    if (!raced) throw error;
    return raced;
  }
}

/**
 * The referee discount a checkout carries: for a referral code, after checking the customer may use it (the
 * referral itself is recorded when the checkout completes); otherwise a discount the customer was granted by
 * an earlier referral while having no subscription to put it on.
 */
async function checkoutCoupon(db: Executor, stripe: Stripe, project: Project, body: CreateCheckoutBody, customer: Customer): Promise<string | null> {
  if (body.referralCode === undefined) return pendingRefereeCoupon(db, project, customer.id);
  const { config, code } = await checkReferralApplies(db, project, body.referralCode, customer);
  return checkoutRefereeCoupon(stripe, config, code, customer.id);
}

/** How long the trial of a new subscription lasts: the request's trialDays, else the price's, else none. */
function trialDaysOf(price: Price, body: CreateCheckoutBody): number | undefined {
  if (price.interval === null) {
    if (body.trialDays !== undefined) throw new BadRequest('trialDays applies only to a recurring price');
    return undefined;
  }
  // A price's trialDays of 0 (or none) means no trial, which Stripe expresses by leaving the field out.
  return (body.trialDays ?? price.trialDays) || undefined;
}

/**
 * A hosted Stripe Checkout for one price: subscription mode for a recurring price, payment mode for a one-time one.
 * Session and subscription carry the project and customer tags, so the webhook intake files the subscription
 * under the right project whatever order the events come in. The parameters depend only on the request (and
 * the customer a retry finds again), so Stripe accepts a retry with the same Idempotency-Key.
 */
export async function createCheckoutSession(
  db: Executor,
  project: Project,
  body: CreateCheckoutBody,
  { idempotencyKey, actor }: { idempotencyKey: string | null; actor: ActorContext },
) {
  requireAllowedOrigin(project, 'successUrl', body.successUrl);
  requireAllowedOrigin(project, 'cancelUrl', body.cancelUrl);
  const price = await getPrice(db, project, body.priceId);
  if (!price.active) throw new BadRequest('Price is not active');
  const trialDays = trialDaysOf(price, body);
  const { stripe } = await stripeForTeam(db, project.teamId);
  const customer = await checkoutCustomer(db, project, body, { idempotencyKey, actor });
  const couponId = await checkoutCoupon(db, stripe, project, body, customer);
  const tags: Record<string, string> = {
    ...body.metadata,
    [tagKeys.project]: project.id,
    [checkoutTagKeys.customer]: customer.id,
    ...(body.referralCode === undefined ? {} : { [checkoutTagKeys.referralCode]: body.referralCode }),
  };
  const params: Stripe.Checkout.SessionCreateParams = {
    customer: customer.stripeCustomerId,
    line_items: [{ price: price.stripePriceId, quantity: body.quantity ?? 1 }],
    success_url: body.successUrl,
    cancel_url: body.cancelUrl,
    client_reference_id: customer.id,
    metadata: tags,
    ...(couponId === null ? {} : { discounts: [{ coupon: couponId }] }),
    ...(price.interval === null
      ? { mode: 'payment' }
      : {
          mode: 'subscription',
          subscription_data: { metadata: tags, trial_period_days: trialDays },
        }),
  };
  const session = await createInStripe(project, idempotencyKey, 'checkout.sessions.create', (options) =>
    stripe.checkout.sessions.create(params, options),
  );
  return { id: session.id, url: session.url!, expiresAt: isoTime(new Date(session.expires_at * 1000)) };
}
