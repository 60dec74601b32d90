import { and, eq, inArray, lt } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import {
  customers,
  projects,
  referralRewards,
  referrals,
  type Invoice,
  type Project,
  type RefereeDiscount,
  type Referral,
  type ReferralConfig,
  type ReferralReward,
  type ReferrerReward,
} from '@/db/schema';
import { normalizeToMonthly } from '@/lib/analytics/definitions';
import { emitWebhookEvent } from '@/lib/outgoing-webhooks/events';
import { inProject } from '@/lib/projects/scope';
import { callStripe } from '@/lib/stripe/errors';
import { applied, idOf, ignored, type ApplyResult } from '@/lib/stripe/mirror/object';
import { liveSubscriptionStatuses } from '@/lib/subscriptions/schemas';
import { findReferralConfig } from './queries';
import { referralView } from './views';

/**
 * Rewards in Stripe, exactly once. Every grant is first claimed in our database (a row unique per referral and
 * beneficiary, or a status moved from one value to the next with a conditional update) inside a short
 * transaction; only the caller that won the claim calls Stripe, after the transaction, with an Idempotency-Key
 * derived from the referral id, so even a retried request cannot grant twice.
 */

const DAY_MS = 86_400_000;

const stripeKey = (referral: Referral, step: string) => ({ idempotencyKey: `billstack:referral:${referral.id}:${step}` });

// Without durationMonths a coupon takes the next invoice only (Stripe's `once`).
type CouponTerms = { type: 'percent' | 'amount'; value: number; currency?: string; durationMonths?: number };

function couponParams(terms: CouponTerms, name: string, metadata: Record<string, string>): Stripe.CouponCreateParams {
  return {
    ...(terms.durationMonths === undefined ? { duration: 'once' } : { duration: 'repeating', duration_in_months: terms.durationMonths }),
    name,
    ...(terms.type === 'percent' ? { percent_off: terms.value } : { amount_off: terms.value, currency: terms.currency }),
    metadata,
  };
}
const referralTags = (referral: Referral) => ({ billstack_referral_id: referral.id, billstack_project_id: referral.projectId });

/** The customer's subscription a coupon goes on: the newest one still running, if any. */
async function liveSubscription(stripe: Stripe, stripeCustomerId: string): Promise<Stripe.Subscription | null> {
  const list = await callStripe(() => stripe.subscriptions.list({ customer: stripeCustomerId, status: 'all', limit: 100, expand: ['data.discounts'] }));
  return list.data.find((subscription) => (liveSubscriptionStatuses as readonly string[]).includes(subscription.status)) ?? null;
}

const discountObjects = (subscription: Stripe.Subscription) =>
  subscription.discounts.filter((discount): discount is Stripe.Discount => typeof discount !== 'string');
const couponOf = (discount: Stripe.Discount) => idOf(discount.source.coupon);

/**
 * Adds the coupon to the subscription, keeping its other discounts (Stripe replaces the whole list). A
 * subscription that already has it (a retried grant) is left alone, so the keyed request is never re-sent
 * with different parameters.
 */
async function addCoupon(stripe: Stripe, referral: Referral, subscription: Stripe.Subscription, couponId: string, step: string) {
  const current = discountObjects(subscription);
  const existing = current.find((discount) => couponOf(discount) === couponId);
  if (existing) return existing.id;
  const updated = await callStripe(() =>
    stripe.subscriptions.update(
      subscription.id,
      { discounts: [...current.map((discount) => ({ discount: discount.id })), { coupon: couponId }], expand: ['discounts'] },
      stripeKey(referral, step),
    ),
  );
  return discountObjects(updated).find((discount) => couponOf(discount) === couponId)?.id ?? null;
}

/** What a coupon costs the project: its share of the subscription's monthly amount for its months. */
function couponCost(terms: CouponTerms, subscription: Stripe.Subscription | null): { costAmount: number; currency: string | null } {
  const months = terms.durationMonths ?? 1;
  if (terms.type === 'amount') return { costAmount: terms.value * months, currency: terms.currency! };
  if (!subscription) return { costAmount: 0, currency: null };
  const monthly = subscription.items.data.reduce((sum, item) => {
    const recurring = item.price.recurring;
    if (!recurring || item.price.unit_amount === null || recurring.usage_type === 'metered') return sum;
    return sum + normalizeToMonthly(item.price.unit_amount * (item.quantity ?? 1), recurring.interval, recurring.interval_count);
  }, 0);
  return { costAmount: Math.round((monthly * terms.value * months) / 100), currency: subscription.currency };
}

async function stripeCustomerIdOf(db: Executor, customerId: string): Promise<string> {
  const [row] = await db.select({ stripeCustomerId: customers.stripeCustomerId }).from(customers).where(eq(customers.id, customerId)).limit(1);
  return row.stripeCustomerId;
}

async function markGranted(db: Executor, referral: Referral, beneficiary: 'referee' | 'referrer', values: Partial<ReferralReward>) {
  await db
    .update(referralRewards)
    .set({ ...values, status: 'granted', grantedAt: new Date() })
    .where(and(eq(referralRewards.referralId, referral.id), eq(referralRewards.beneficiary, beneficiary), eq(referralRewards.status, 'claimed')));
}

/**
 * The referee's discount, claimed when the referral was recorded: a coupon for `durationMonths` on the
 * referee's running subscription. Without one, the coupon waits on the reward row and BillStack's checkout
 * puts it on the referee's first subscription (`pendingRefereeCoupon`).
 */
export async function grantRefereeDiscount(db: Executor, stripe: Stripe, project: Project, referral: Referral, config: ReferralConfig) {
  const terms: RefereeDiscount = config.refereeDiscount;
  const coupon = await callStripe(() => stripe.coupons.create(couponParams(terms, `Referral ${referral.code}`, referralTags(referral)), stripeKey(referral, 'referee-coupon')));
  const subscription = await liveSubscription(stripe, await stripeCustomerIdOf(db, referral.refereeCustomerId));
  const discountId = subscription ? await addCoupon(stripe, referral, subscription, coupon.id, 'referee-discount') : null;
  await markGranted(db, referral, 'referee', {
    stripeCouponId: coupon.id,
    stripeSubscriptionId: subscription?.id ?? null,
    stripeDiscountId: discountId,
    ...couponCost(terms, subscription),
  });
}

/** The referee's discount coupon not yet on any subscription, for BillStack's checkout to carry. */
export async function pendingRefereeCoupon(db: Executor, project: Project, customerId: string): Promise<string | null> {
  const [reward] = await db
    .select({ couponId: referralRewards.stripeCouponId, subscriptionId: referralRewards.stripeSubscriptionId })
    .from(referralRewards)
    .where(inProject(referralRewards, project, eq(referralRewards.customerId, customerId), eq(referralRewards.beneficiary, 'referee'), eq(referralRewards.status, 'granted')))
    .limit(1);
  return reward && reward.subscriptionId === null ? reward.couponId : null;
}

/**
 * Qualifies a pending referral and grants the referrer's reward: a coupon on the referrer's running subscription
 * for `durationMonths`, or a credit on the referrer's Stripe customer balance (the next invoice uses it).
 * Whoever moves the referral out of `pending` (one conditional update) is the one that calls Stripe.
 */
export async function grantReferrerReward(
  db: Executor,
  stripe: Stripe,
  project: Project,
  referral: Referral,
  config: ReferralConfig,
  { qualifiedAt, stripeInvoiceId }: { qualifiedAt: Date; stripeInvoiceId: string | null },
): Promise<boolean> {
  const reward: ReferrerReward = config.referrerReward;
  const won = await db.transaction(async (tx) => {
    const [qualified] = await tx
      .update(referrals)
      .set({ status: 'qualified', qualifiedAt, qualifyingStripeInvoiceId: stripeInvoiceId })
      .where(and(eq(referrals.id, referral.id), eq(referrals.status, 'pending')))
      .returning();
    if (!qualified) return false;
    await emitWebhookEvent(tx, project, 'referral.qualified', referralView(qualified));
    const [claimed] = await tx
      .insert(referralRewards)
      .values({
        referralId: referral.id,
        beneficiary: 'referrer',
        teamId: project.teamId,
        projectId: project.id,
        customerId: referral.referrerCustomerId,
        kind: reward.type === 'credit' ? 'credit' : 'coupon',
        status: 'claimed',
      })
      .onConflictDoNothing()
      .returning();
    return Boolean(claimed);
  });
  if (!won) return false;
  await payReferrerReward(db, stripe, referral, reward);
  return true;
}

/** How long a claim may stay unpaid before another process may take it over (its Stripe call failed or its process died). */
const staleClaimMs = 60_000;

/**
 * Finishes a referrer reward whose claim was never paid: the claim is taken over by one conditional update (the
 * claim's time moves to now), so only one process retries, with the same Stripe keys as the first attempt.
 */
export async function resumeStaleReferrerReward(db: Executor, stripe: Stripe, referral: Referral, config: ReferralConfig): Promise<boolean> {
  const [taken] = await db
    .update(referralRewards)
    .set({ createdAt: new Date() })
    .where(
      and(
        eq(referralRewards.referralId, referral.id),
        eq(referralRewards.beneficiary, 'referrer'),
        eq(referralRewards.status, 'claimed'),
        lt(referralRewards.createdAt, new Date(Date.now() - staleClaimMs)),
      ),
    )
    .returning();
  if (!taken) return false;
  await payReferrerReward(db, stripe, referral, config.referrerReward);
  return true;
}

/**
 * The Stripe side of a claimed referrer reward, then the claim marked granted and the referral rewarded. A credit
 * already on the customer's balance for this referral (an earlier attempt Stripe carried out though we never
 * heard back) is taken as the grant instead of a second one.
 */
async function payReferrerReward(db: Executor, stripe: Stripe, referral: Referral, reward: ReferrerReward) {
  const stripeCustomerId = await stripeCustomerIdOf(db, referral.referrerCustomerId);
  if (reward.type === 'credit') {
    const earlier = await callStripe(() => stripe.customers.listBalanceTransactions(stripeCustomerId, { limit: 100 }));
    const transaction =
      earlier.data.find((t) => t.metadata?.billstack_referral_id === referral.id && t.amount < 0) ??
      (await callStripe(() =>
        stripe.customers.createBalanceTransaction(
          stripeCustomerId,
          // Negative is credit the customer holds; Stripe takes it off the next finalized invoice.
          { amount: -reward.value, currency: reward.currency!, description: `Referral reward (${referral.code})`, metadata: { billstack_referral_id: referral.id } },
          stripeKey(referral, 'referrer-credit'),
        ),
      ));
    await markGranted(db, referral, 'referrer', { stripeBalanceTransactionId: transaction.id, costAmount: -transaction.amount, currency: transaction.currency });
  } else {
    const terms = { ...reward, type: reward.type };
    const coupon = await callStripe(() => stripe.coupons.create(couponParams(terms, `Referral reward ${referral.code}`, referralTags(referral)), stripeKey(referral, 'referrer-coupon')));
    const subscription = await liveSubscription(stripe, stripeCustomerId);
    const discountId = subscription ? await addCoupon(stripe, referral, subscription, coupon.id, 'referrer-discount') : null;
    await markGranted(db, referral, 'referrer', {
      stripeCouponId: coupon.id,
      stripeSubscriptionId: subscription?.id ?? null,
      stripeDiscountId: discountId,
      ...couponCost(terms, subscription),
    });
  }
  await db.transaction(async (tx) => {
    const [rewarded] = await tx
      .update(referrals)
      .set({ status: 'rewarded', rewardedAt: new Date() })
      .where(and(eq(referrals.id, referral.id), eq(referrals.status, 'qualified')))
      .returning();
    if (rewarded) await emitWebhookEvent(tx, { id: rewarded.projectId, teamId: rewarded.teamId }, 'referral.rewarded', referralView(rewarded));
  });
}

async function projectOf(db: Executor, projectId: string): Promise<Project> {
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId)).limit(1);
  return project;
}

/**
 * The webhook intake's hook for a paid invoice: the referee's first paid invoice (with money paid) qualifies a
 * pending referral of a project rewarding on first payment. Called after the invoice row is written, outside
 * any transaction; an invoice event delivered twice finds the referral no longer pending.
 */
export async function onInvoicePaid(db: Executor, stripe: Stripe, invoice: Invoice): Promise<void> {
  if (invoice.status !== 'paid' || invoice.amountPaid <= 0) return;
  const [referral] = await db
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.teamId, invoice.teamId),
        eq(referrals.projectId, invoice.projectId),
        eq(referrals.refereeCustomerId, invoice.customerId),
        inArray(referrals.status, ['pending', 'qualified']),
      ),
    )
    .limit(1);
  if (!referral) return;
  const project = await projectOf(db, invoice.projectId);
  const config = await findReferralConfig(db, project);
  if (!config?.enabled || config.rewardAfter !== 'first_payment') return;
  // Qualified but not rewarded: an earlier attempt claimed the reward and failed in Stripe; Stripe's redelivery
  // of the event (our 500 asked for it) finishes it.
  if (referral.status === 'qualified') {
    if (referral.qualifyingStripeInvoiceId === invoice.stripeInvoiceId) await resumeStaleReferrerReward(db, stripe, referral, config);
    return;
  }
  await grantReferrerReward(db, stripe, project, referral, config, { qualifiedAt: invoice.paidAt ?? new Date(), stripeInvoiceId: invoice.stripeInvoiceId });
}

/**
 * `charge.refunded`: when the refunded payment is the one that qualified a referral and the refund comes within
 * the project's `holdDays` of it, the referral is void and the referrer's reward is taken back in Stripe (the
 * coupon removed from the subscription, or the credit reversed by an opposite balance transaction). The invoice
 * is found through Stripe's invoice payments, since an invoice no longer names its charge.
 */
export async function onChargeRefunded(db: Executor, stripe: Stripe, teamId: string, chargeId: string): Promise<ApplyResult> {
  const charge = await stripe.charges.retrieve(chargeId);
  const paymentIntent = idOf(charge.payment_intent);
  if (charge.amount_refunded === 0 || !paymentIntent) return ignored('the charge has no refund of an invoice payment');
  const payments = await stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: paymentIntent }, limit: 10 });
  const invoiceIds = payments.data.map((payment) => idOf(payment.invoice)!);
  if (invoiceIds.length === 0) return ignored('the charge paid no invoice');
  const candidates = await db
    .select()
    .from(referrals)
    .where(and(eq(referrals.teamId, teamId), inArray(referrals.qualifyingStripeInvoiceId, invoiceIds), inArray(referrals.status, ['qualified', 'rewarded'])));
  if (candidates.length === 0) return ignored('no referral qualified with this payment');
  const refunds = await stripe.refunds.list({ charge: charge.id, limit: 1 });
  const refundedAt = new Date((refunds.data[0]?.created ?? charge.created) * 1000);
  let voidedIn: string | null = null;
  for (const referral of candidates) {
    const project = await projectOf(db, referral.projectId);
    const holdDays = (await findReferralConfig(db, project))?.holdDays ?? 0;
    if (refundedAt.getTime() - referral.qualifiedAt!.getTime() > holdDays * DAY_MS) continue;
    if (await voidReferral(db, stripe, referral, 'payment_refunded')) voidedIn = referral.projectId;
  }
  // The project of the (last) referral voided.
  return voidedIn ? applied(voidedIn) : ignored(`refunded after the referral's hold period`);
}

/** Voids the referral and reverses the referrer's granted reward; only the caller that voids it touches Stripe. */
async function voidReferral(db: Executor, stripe: Stripe, referral: Referral, reason: string): Promise<boolean> {
  const reward = await db.transaction(async (tx) => {
    const [voided] = await tx
      .update(referrals)
      .set({ status: 'void', voidedAt: new Date(), voidReason: reason })
      .where(and(eq(referrals.id, referral.id), inArray(referrals.status, ['qualified', 'rewarded'])))
      .returning();
    if (!voided) return undefined;
    await emitWebhookEvent(tx, { id: voided.projectId, teamId: voided.teamId }, 'referral.voided', referralView(voided));
    const [reversed] = await tx
      .update(referralRewards)
      .set({ status: 'reversed', reversedAt: new Date() })
      .where(and(eq(referralRewards.referralId, referral.id), eq(referralRewards.beneficiary, 'referrer'), eq(referralRewards.status, 'granted')))
      .returning();
    return reversed ?? null;
  });
  if (reward === undefined) return false;
  if (!reward) return true;
  const stripeCustomerId = await stripeCustomerIdOf(db, referral.referrerCustomerId);
  if (reward.kind === 'credit') {
    await callStripe(() =>
      stripe.customers.createBalanceTransaction(
        stripeCustomerId,
        { amount: reward.costAmount, currency: reward.currency!, description: `Referral reward reversed (${referral.code})`, metadata: { billstack_referral_id: referral.id } },
        stripeKey(referral, 'referrer-credit-reversal'),
      ),
    );
  } else if (reward.stripeSubscriptionId) {
    const subscription = await callStripe(() => stripe.subscriptions.retrieve(reward.stripeSubscriptionId!, { expand: ['discounts'] }));
    const current = discountObjects(subscription);
    const remaining = current.filter((discount) => couponOf(discount) !== reward.stripeCouponId);
    if (remaining.length !== current.length) {
      await callStripe(() =>
        stripe.subscriptions.update(
          subscription.id,
          { discounts: remaining.length ? remaining.map((discount) => ({ discount: discount.id })) : '' },
          stripeKey(referral, 'referrer-discount-removal'),
        ),
      );
    }
  }
  return true;
}

/**
 * The referee discount's coupon for a checkout with a referral code. The referral does not exist until the
 * checkout completes, so the key derives from the code, the customer and the configuration in force: a retried
 * checkout reuses the coupon, a changed configuration makes a new one.
 */
export async function checkoutRefereeCoupon(stripe: Stripe, config: ReferralConfig, code: { id: string; code: string }, customerId: string): Promise<string> {
  const coupon = await callStripe(() =>
    stripe.coupons.create(
      couponParams(config.refereeDiscount, `Referral ${code.code}`, { billstack_referral_code_id: code.id, billstack_project_id: config.projectId }),
      { idempotencyKey: `billstack:referral-checkout:${code.id}:${customerId}:${config.updatedAt.getTime()}` },
    ),
  );
  return coupon.id;
}
