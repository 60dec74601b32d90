// Referral rewards paid in Stripe, with Stripe's webhooks delivered for real to BillStack: first-payment
// rewards exactly once, credits used by the next invoice, clawback of a refund inside the hold period,
// and a checkout carrying a referral code through the hosted pay page.
import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import * as referralRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/[referralId]/route';
import * as referralsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/route';
import * as statsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/stats/route';
import { getDb } from '@/db/client';
import { historyImports, invoices, referralRewards, stripeEvents } from '@/db/schema';
import { onInvoicePaid } from '@/lib/referrals/rewards';
import { call } from '../helpers/http';
import { createCustomerRow, createPriceRow, projectParams, projectPath } from '../helpers/catalog';
import { createProject } from '../helpers/fixtures';
import { givePayingCard, useStripeEmulator } from '../helpers/stripe';
import { useWebhookBridge } from '../helpers/webhook-bridge';
import { buildWorld, type World } from '../helpers/world';
import { payCheckout, startCheckout } from '../subscriptions/fixtures';
import { applyReferral, configureReferrals, createReferralCode } from './fixtures';

const emulator = useStripeEmulator();
useWebhookBridge();
let world: World;
let stripe: Stripe;
let secretKey: string;

beforeAll(async () => {
  world = await buildWorld();
  ({ stripe, secretKey } = world.stripeAccount!);
});

const DAY = 86_400;

async function freshProject(config: Record<string, unknown> = {}) {
  const project = await createProject(world.owner, world.team.id, 'Rewards');
  const ref = { owner: world.owner, team: world.team, project };
  await configureReferrals(ref, config);
  return ref;
}
type Ref = Awaited<ReturnType<typeof freshProject>>;

/** A customer of the project with the paying test card. */
async function payingCustomer(ref: Ref) {
  const customer = await createCustomerRow(ref);
  await givePayingCard(stripe, customer.stripeCustomerId);
  return customer;
}

/** A monthly subscription made in Stripe (its first invoice paid at once); webhooks bring it to BillStack. */
async function subscribe(ref: Ref, customer: { stripeCustomerId: string }, unitAmount = 2500) {
  const price = await createPriceRow(ref, { unitAmount });
  const subscription = await stripe.subscriptions.create({ customer: customer.stripeCustomerId, items: [{ price: price.stripePriceId }] });
  await emulator().idle();
  return subscription;
}

/**
 * Waits until nothing else talks to the account: no webhook delivery queued, no history import running (a
 * connect starts one) and no delivered event still being applied. Faults injected then go to the test's calls.
 */
async function accountQuiet(teamId: string) {
  const db = await getDb();
  const running = (table: typeof historyImports | typeof stripeEvents, status: 'running' | 'pending') =>
    db.select({ id: table.id }).from(table).where(and(eq(table.teamId, teamId), eq(table.status, status))).limit(1);
  const busy = async () => (await running(historyImports, 'running')).length > 0 || (await running(stripeEvents, 'pending')).length > 0;
  // An import or an apply that finishes may make Stripe send more events: quiet once both are settled together.
  for (;;) {
    await emulator().idle();
    if (!(await busy())) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const getReferral = async (ref: Ref, id: string) =>
  (await call(referralRoute.GET, projectPath(ref, `/referrals/${id}`), { params: projectParams(ref, { referralId: id }), headers: ref.owner.headers })).body.referral;

const adjustments = async (stripeCustomerId: string) =>
  (await stripe.customers.listBalanceTransactions(stripeCustomerId, { limit: 100 })).data
    .filter((t) => t.type === 'adjustment')
    .map((t) => t.amount)
    .reverse();

/** A referrer with a code, a paying referee who applied it; the referral is pending until the referee pays. */
async function pendingReferral(ref: Ref) {
  const referrer = await payingCustomer(ref);
  const referee = await payingCustomer(ref);
  const code = await createReferralCode(ref, { customerId: referrer.id });
  const res = await applyReferral(ref, { code: code.code, customerId: referee.id });
  expect(res.body.referral.status).toBe('pending');
  return { referrer, referee, code, referral: res.body.referral };
}

/** Refunds the whole payment of the invoice, found as Stripe's API finds it: through its invoice payments. */
async function refundInvoice(invoiceId: string) {
  const [payment] = (await stripe.invoicePayments.list({ invoice: invoiceId })).data;
  await stripe.refunds.create({ payment_intent: payment.payment.payment_intent as string });
  await emulator().idle();
}

describe('a first-payment reward', () => {
  it('is granted once when the paid-invoice events arrive twice and at once', async () => {
    emulator().setDeliveryMode({ duplicates: true, concurrent: 4 });
    try {
      const ref = await freshProject();
      const { referrer, referee, referral } = await pendingReferral(ref);
      const subscription = await subscribe(ref, referee);
      const rewarded = await getReferral(ref, referral.id);
      expect(rewarded).toMatchObject({ status: 'rewarded', voidedAt: null });
      expect(new Date(rewarded.qualifiedAt).getTime()).toBe((await stripe.invoices.retrieve(subscription.latest_invoice as string)).status_transitions.paid_at! * 1000);
      expect(await adjustments(referrer.stripeCustomerId)).toEqual([-1000]);
    } finally {
      emulator().setDeliveryMode({ duplicates: false, concurrent: 1 });
    }
  });

  it('is granted once when two processes apply the same paid invoice at the same moment', async () => {
    const ref = await freshProject();
    const referrer = await payingCustomer(ref);
    const referee = await payingCustomer(ref);
    // The referee paid before the code was applied: its paid invoice is then applied again by two processes.
    await subscribe(ref, referee);
    const code = await createReferralCode(ref, { customerId: referrer.id });
    const { referral } = (await applyReferral(ref, { code: code.code, customerId: referee.id })).body;
    const db = await getDb();
    const [paid] = await db.select().from(invoices).where(and(eq(invoices.customerId, referee.id), eq(invoices.status, 'paid')));
    await Promise.all([onInvoicePaid(db, stripe, paid), onInvoicePaid(db, stripe, paid), onInvoicePaid(db, stripe, paid)]);
    expect(await getReferral(ref, referral.id)).toMatchObject({ status: 'rewarded' });
    expect(await adjustments(referrer.stripeCustomerId)).toEqual([-1000]);
  });

  it('a reward whose Stripe call failed is finished once, by a later delivery, after its claim went stale', async () => {
    const ref = await freshProject();
    const referrer = await payingCustomer(ref);
    const referee = await payingCustomer(ref);
    await subscribe(ref, referee);
    const code = await createReferralCode(ref, { customerId: referrer.id });
    const { referral } = (await applyReferral(ref, { code: code.code, customerId: referee.id })).body;
    const db = await getDb();
    const [paid] = await db.select().from(invoices).where(and(eq(invoices.customerId, referee.id), eq(invoices.status, 'paid')));
    // The fault must meet this call, not the connect's history import or a webhook still being applied.
    await accountQuiet(world.team.id);
    emulator().injectFaults(secretKey, { count: 1, status: 500 });
    await expect(onInvoicePaid(db, stripe, paid)).rejects.toThrow();
    expect(await getReferral(ref, referral.id)).toMatchObject({ status: 'qualified', rewardedAt: null });
    // A fresh claim may still be in flight in its process: nobody else takes it over yet.
    await onInvoicePaid(db, stripe, paid);
    expect(await adjustments(referrer.stripeCustomerId)).toEqual([]);
    await db
      .update(referralRewards)
      .set({ createdAt: new Date(Date.now() - 61_000) })
      .where(and(eq(referralRewards.referralId, referral.id), eq(referralRewards.beneficiary, 'referrer')));
    await Promise.all([onInvoicePaid(db, stripe, paid), onInvoicePaid(db, stripe, paid)]);
    expect(await getReferral(ref, referral.id)).toMatchObject({ status: 'rewarded' });
    expect(await adjustments(referrer.stripeCustomerId)).toEqual([-1000]);
  });

  it('the credit pays part of the referrer\'s next invoice in Stripe', async () => {
    const ref = await freshProject();
    const { referrer, referee, referral } = await pendingReferral(ref);
    const own = await subscribe(ref, referrer, 2500);
    await subscribe(ref, referee);
    expect(await getReferral(ref, referral.id)).toMatchObject({ status: 'rewarded' });
    // The renewal is cut at the period end and finalized (balance applied) an hour later.
    emulator().advanceTime(secretKey, 31 * DAY + 2 * 3600);
    await emulator().idle();
    const renewals = (await stripe.invoices.list({ subscription: own.id, limit: 10 })).data.filter((i) => i.billing_reason === 'subscription_cycle');
    expect(renewals.map((i) => ({ total: i.total, starting_balance: i.starting_balance, ending_balance: i.ending_balance, amount_due: i.amount_due, amount_paid: i.amount_paid }))).toEqual([
      { total: 2500, starting_balance: -1000, ending_balance: 0, amount_due: 1500, amount_paid: 1500 },
    ]);
    expect(((await stripe.customers.retrieve(referrer.stripeCustomerId)) as Stripe.Customer).balance).toBe(0);
  });

  it('a coupon reward goes on the referrer\'s subscription for its months', async () => {
    const ref = await freshProject({ referrerReward: { type: 'percent', value: 50, durationMonths: 2 } });
    const { referrer, referee, referral } = await pendingReferral(ref);
    const own = await subscribe(ref, referrer, 4000);
    await subscribe(ref, referee);
    expect(await getReferral(ref, referral.id)).toMatchObject({ status: 'rewarded' });
    const discounts = (await stripe.subscriptions.retrieve(own.id, { expand: ['discounts'] })).discounts as Stripe.Discount[];
    expect(discounts).toHaveLength(1);
    const coupon = await stripe.coupons.retrieve(discounts[0].source.coupon as string);
    expect(coupon).toMatchObject({ percent_off: 50, duration: 'repeating', duration_in_months: 2, name: `Referral reward ${referral.code}` });
    expect(discounts[0].end! - discounts[0].start).toBeGreaterThanOrEqual(59 * DAY);
  });
});

describe('clawback', () => {
  it('a refund of the qualifying payment inside holdDays voids the referral and reverses the credit', async () => {
    const ref = await freshProject({ holdDays: 30 });
    const { referrer, referee, referral } = await pendingReferral(ref);
    const subscription = await subscribe(ref, referee);
    await refundInvoice(subscription.latest_invoice as string);
    const voided = await getReferral(ref, referral.id);
    expect(voided).toMatchObject({ status: 'void', voidReason: 'payment_refunded' });
    expect(voided.voidedAt).not.toBeNull();
    expect(await adjustments(referrer.stripeCustomerId)).toEqual([-1000, 1000]);
    expect(((await stripe.customers.retrieve(referrer.stripeCustomerId)) as Stripe.Customer).balance).toBe(0);
  });

  it('a refund inside holdDays removes a coupon reward from the referrer\'s subscription, keeping its other discounts', async () => {
    const ref = await freshProject({ referrerReward: { type: 'amount', value: 500, currency: 'usd', durationMonths: 3 } });
    const { referrer, referee, referral } = await pendingReferral(ref);
    const own = await subscribe(ref, referrer);
    const loyalty = await stripe.coupons.create({ percent_off: 10, duration: 'forever' });
    await stripe.subscriptions.update(own.id, { discounts: [{ coupon: loyalty.id }] });
    const subscription = await subscribe(ref, referee);
    expect(((await stripe.subscriptions.retrieve(own.id)).discounts)).toHaveLength(2);
    await refundInvoice(subscription.latest_invoice as string);
    expect(await getReferral(ref, referral.id)).toMatchObject({ status: 'void' });
    const left = (await stripe.subscriptions.retrieve(own.id, { expand: ['discounts'] })).discounts as Stripe.Discount[];
    expect(left.map((d) => d.source.coupon)).toEqual([loyalty.id]);
  });

  it('a refund after holdDays keeps the referral and the reward', async () => {
    const ref = await freshProject({ holdDays: 30 });
    const { referrer, referee, referral } = await pendingReferral(ref);
    const subscription = await subscribe(ref, referee);
    emulator().advanceTime(secretKey, 31 * DAY);
    await emulator().idle();
    await refundInvoice(subscription.latest_invoice as string);
    expect(await getReferral(ref, referral.id)).toMatchObject({ status: 'rewarded', voidedAt: null });
    expect(await adjustments(referrer.stripeCustomerId)).toEqual([-1000]);
  });
});

describe('checkout with a referral code', () => {
  it('carries the referee discount through the hosted pay page and records the referral when it completes', async () => {
    const ref = await freshProject({ refereeDiscount: { type: 'amount', value: 500, currency: 'usd', durationMonths: 2 } });
    const referrer = await payingCustomer(ref);
    const code = await createReferralCode(ref, { customerId: referrer.id, code: 'CHECKOUT-FRIEND' });
    const referee = await createCustomerRow(ref);
    const price = await createPriceRow(ref, { unitAmount: 3000 });
    const refused = await startCheckout(ref, { customerId: referrer.id, priceId: price.id, referralCode: code.code });
    expect(refused).toMatchObject({ status: 400, body: { error: 'A customer cannot use their own referral code', code: 'referral_not_allowed' } });

    const checkout = await startCheckout(ref, { customerId: referee.id, priceId: price.id, referralCode: 'checkout-friend' });
    expect(checkout.status).toBe(201);
    const session = await stripe.checkout.sessions.retrieve(checkout.body.checkout.id);
    expect(session.amount_total).toBe(2500);
    expect(await payCheckout(checkout.body.checkout.url)).toBe(303);
    await emulator().idle();

    const list = await call(referralsRoute.GET, projectPath(ref, '/referrals'), { params: projectParams(ref), headers: ref.owner.headers });
    expect(list.body.total).toBe(1);
    expect(list.body.referrals[0]).toMatchObject({ code: 'CHECKOUT-FRIEND', referrerCustomerId: referrer.id, refereeCustomerId: referee.id, status: 'rewarded' });
    const { subscription } = await stripe.checkout.sessions.retrieve(checkout.body.checkout.id);
    const inStripe = await stripe.subscriptions.retrieve(subscription as string, { expand: ['discounts', 'latest_invoice'] });
    const coupon = await stripe.coupons.retrieve((inStripe.discounts as Stripe.Discount[])[0].source.coupon as string);
    expect(coupon).toMatchObject({ amount_off: 500, currency: 'usd', duration: 'repeating', duration_in_months: 2 });
    expect((inStripe.latest_invoice as Stripe.Invoice).amount_paid).toBe(2500);
    expect(await adjustments(referrer.stripeCustomerId)).toEqual([-1000]);
  });
});

describe('stats', () => {
  it('counts, conversion, referred MRR and the cost of rewards per currency', async () => {
    const ref = await freshProject({ refereeDiscount: { type: 'percent', value: 20, durationMonths: 3 } });
    const referrer = await payingCustomer(ref);
    const code = await createReferralCode(ref, { customerId: referrer.id });
    await createReferralCode(ref, { customerId: referrer.id });
    const paying = await payingCustomer(ref);
    const refunded = await payingCustomer(ref);
    const idle = await payingCustomer(ref);
    for (const referee of [paying, refunded, idle]) expect((await applyReferral(ref, { code: code.code, customerId: referee.id })).status).toBe(201);
    await subscribe(ref, paying, 2500);
    const lost = await subscribe(ref, refunded, 4000);
    await refundInvoice(lost.latest_invoice as string);
    await stripe.subscriptions.cancel(lost.id);
    await emulator().idle();
    const stats = await call(statsRoute.GET, projectPath(ref, '/referrals/stats'), { params: projectParams(ref), headers: ref.owner.headers });
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({
      referrals: {
        codes: 2,
        referrals: 3,
        qualified: 2,
        rewarded: 1,
        void: 1,
        conversionRate: 0.6667,
        // The paying referee's 2500 a month: the code was applied before any subscription, and the discount
        // waiting for it goes on a BillStack checkout, not on a subscription made in Stripe directly.
        referredMrr: { usd: 2500 },
        // The standing referral's credit (1000); the void one's credit was reversed. Referee discounts were
        // granted before any subscription existed, so their cost is not known (percent of nothing).
        rewardsCost: { usd: 1000 },
      },
    });
    const empty = await call(statsRoute.GET, projectPath(ref, '/referrals/stats'), { params: projectParams(ref), query: { from: '2020-01-01', to: '2020-01-31' }, headers: ref.owner.headers });
    expect(empty.body).toEqual({ referrals: { codes: 0, referrals: 0, qualified: 0, rewarded: 0, void: 0, conversionRate: 0, referredMrr: {}, rewardsCost: {} } });
    expect(
      await call(statsRoute.GET, projectPath(ref, '/referrals/stats'), { params: projectParams(ref), query: { from: '2026-02-01', to: '2026-01-01' }, headers: ref.owner.headers }),
    ).toMatchObject({ status: 400, body: { error: 'Invalid query field "to": must not be before "from"', code: 'validation_error', field: 'to' } });
  });
});
