// Hand-built scenarios through the emulator, Stripe's clock advanced and webhooks delivered: every
// expected figure below is worked out by hand from the prices, quantities and coupons used.
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { useStripeEmulator } from '../helpers/stripe';
import { useWebhookBridge } from '../helpers/webhook-bridge';
import { buildWorld, type World } from '../helpers/world';
import {
  advance,
  churn,
  customers,
  day,
  dayOf,
  failingCard,
  movedPoints,
  movementTotals,
  mrr,
  newScene,
  payingCustomer,
  price,
  rebuild,
  retention,
  setCard,
  setDunning,
  settle,
  stripeNow,
  subscribe,
  summary,
  type Scene,
} from './fixtures';

const emulator = useStripeEmulator();
useWebhookBridge();
let world: World;

beforeAll(async () => {
  world = await buildWorld();
});

const scene = () => newScene(world, world.stripeAccount!, emulator);

/** The range from the scene's first Stripe day to `days` after it, by day. */
const range = (start: number, days: number) => ({ from: dayOf(start), to: dayOf(start + days * day) });

/** Every point's MRR is the previous point's (the first: the day before `from`) plus its five movements. */
async function expectInvariant(scene: Scene, query: { from: string; to: string; currency?: string }) {
  const dayBefore = new Date(Date.parse(query.from) - day * 1000).toISOString().slice(0, 10);
  let previous = (await mrr(scene, { ...query, from: dayBefore, to: dayBefore })).body.mrr.series[0].mrr;
  const { body } = await mrr(scene, query);
  for (const point of body.mrr.series) {
    expect(point.mrr).toBe(previous + point.new + point.expansion + point.contraction + point.churned + point.reactivation);
    previous = point.mrr;
  }
}

describe('MRR of monthly, yearly and 3-month prices', () => {
  it('normalises each to a month', async () => {
    const s = await scene();
    const start = stripeNow(s);
    const monthly = await payingCustomer(s);
    const yearly = await payingCustomer(s);
    const quarterly = await payingCustomer(s);
    await subscribe(s, monthly, { items: [{ price: await price(s, 2900) }] });
    await subscribe(s, yearly, { items: [{ price: await price(s, 12000, { interval: 'year' }) }] });
    await subscribe(s, quarterly, { items: [{ price: await price(s, 3000, { intervalCount: 3 }) }] });
    const { status, body } = await mrr(s, range(start, 0));
    expect(status).toBe(200);
    // 2,900 + 12,000 / 12 + 3,000 / 3
    expect(body.mrr).toEqual({
      currency: 'usd',
      current: 4900,
      arr: 58800,
      series: [{ date: dayOf(start), mrr: 4900, new: 4900, expansion: 0, contraction: 0, churned: 0, reactivation: 0 }],
    });
    const overview = await summary(s, { to: dayOf(start) });
    expect(overview.body.summary).toEqual({
      currency: 'usd',
      mrr: 4900,
      arr: 58800,
      arpa: 1633,
      payingCustomers: 3,
      trialingSubscriptions: 0,
      newMrr30d: 4900,
      churnedMrr30d: 0,
      // Nobody paid before the 30 days: no rate.
      customerChurnRate30d: null,
      quickRatio30d: null,
    });
    // A renewal changes nothing.
    await advance(s, 32 * day);
    expect((await mrr(s, range(start, 32))).body.mrr.current).toBe(4900);
    expect(movementTotals((await mrr(s, range(start, 32))).body.mrr.series)).toEqual({ new: 4900, expansion: 0, contraction: 0, churned: 0, reactivation: 0 });
  });
});

describe('quantity up and down, and a plan switch', () => {
  it('are expansions and contractions of the difference', async () => {
    const s = await scene();
    const start = stripeNow(s);
    const customer = await payingCustomer(s);
    const sub = await subscribe(s, customer, { items: [{ price: await price(s, 1000), quantity: 2 }] });
    const itemId = sub.items.data[0].id;
    await advance(s, day);
    await s.stripe.subscriptions.update(sub.id, { items: [{ id: itemId, quantity: 5 }] });
    await advance(s, day);
    await s.stripe.subscriptions.update(sub.id, { items: [{ id: itemId, quantity: 3 }] });
    await advance(s, day);
    const larger = await price(s, 4000);
    await s.stripe.subscriptions.update(sub.id, { items: [{ id: itemId, price: larger, quantity: 1 }] });
    await settle(s);
    const { body } = await mrr(s, range(start, 3));
    expect(body.mrr.current).toBe(4000);
    expect(body.mrr.series).toEqual([
      { date: dayOf(start), mrr: 2000, new: 2000, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
      { date: dayOf(start + day), mrr: 5000, new: 0, expansion: 3000, contraction: 0, churned: 0, reactivation: 0 },
      { date: dayOf(start + 2 * day), mrr: 3000, new: 0, expansion: 0, contraction: -2000, churned: 0, reactivation: 0 },
      { date: dayOf(start + 3 * day), mrr: 4000, new: 0, expansion: 1000, contraction: 0, churned: 0, reactivation: 0 },
    ]);
  });
});

describe('coupons', () => {
  it('count percent and amount discounts while in force; a once coupon does not change MRR', async () => {
    const s = await scene();
    const start = stripeNow(s);
    const percentForever = await s.stripe.coupons.create({ percent_off: 20, duration: 'forever' });
    const amountRepeating = await s.stripe.coupons.create({ amount_off: 1000, currency: 'usd', duration: 'repeating', duration_in_months: 2 });
    const halfOnce = await s.stripe.coupons.create({ percent_off: 50, duration: 'once' });
    await subscribe(s, await payingCustomer(s), { items: [{ price: await price(s, 5000) }], discounts: [{ coupon: percentForever.id }] });
    const repeating = await subscribe(s, await payingCustomer(s), { items: [{ price: await price(s, 3000) }], discounts: [{ coupon: amountRepeating.id }] });
    await subscribe(s, await payingCustomer(s), { items: [{ price: await price(s, 2000) }], discounts: [{ coupon: halfOnce.id }] });
    // 5,000 - 20 % = 4,000; 3,000 - 1,000 = 2,000; 2,000 (once is not recurring)
    expect((await mrr(s, range(start, 0))).body.mrr.current).toBe(8000);
    const [discount] = (await s.stripe.subscriptions.retrieve(repeating.id, { expand: ['discounts'] })).discounts as Stripe.Discount[];
    const end = discount.end!;
    await advance(s, end - start + 3600);
    const days = Math.ceil((end - start) / day) + 1;
    const { body } = await mrr(s, range(start, days));
    expect(body.mrr.current).toBe(9000);
    // The repeating discount ends two months in: its 1,000 comes back as expansion on that day.
    expect(movedPoints(body.mrr.series)).toEqual([
      { date: dayOf(start), mrr: 8000, new: 8000, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
      { date: dayOf(end), mrr: 9000, new: 0, expansion: 1000, contraction: 0, churned: 0, reactivation: 0 },
    ]);
    await expectInvariant(s, range(start, days));
  });
});

describe('trials', () => {
  it('pay nothing until they convert; a trial canceled never counts', async () => {
    const s = await scene();
    const start = stripeNow(s);
    const converting = await subscribe(s, await payingCustomer(s), { items: [{ price: await price(s, 2900) }], trial_period_days: 14 });
    const canceled = await subscribe(s, await payingCustomer(s), { items: [{ price: await price(s, 1900) }], trial_period_days: 14 });
    let growth = (await customers(s, range(start, 0))).body.customers;
    expect(growth).toMatchObject({ total: 2, paying: 0, trialing: 2 });
    expect(growth.series).toEqual([{ date: dayOf(start), new: 2, total: 2, paying: 0, trialing: 2 }]);
    await advance(s, 2 * day);
    await s.stripe.subscriptions.cancel(canceled.id);
    await settle(s);
    await advance(s, converting.trial_end! - stripeNow(s) + 3600);
    const days = Math.ceil((converting.trial_end! - start) / day);
    const { body } = await mrr(s, range(start, days));
    expect(body.mrr.current).toBe(2900);
    expect(movedPoints(body.mrr.series)).toEqual([
      { date: dayOf(converting.trial_end!), mrr: 2900, new: 2900, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
    ]);
    growth = (await customers(s, range(start, days))).body.customers;
    expect(growth).toMatchObject({ total: 2, paying: 1, trialing: 0 });
    expect(growth.series.find((point: { date: string }) => point.date === dayOf(start + 2 * day))).toEqual({
      date: dayOf(start + 2 * day),
      new: 0,
      total: 2,
      paying: 0,
      trialing: 1,
    });
    expect(growth.series.at(-1)).toEqual({ date: dayOf(start + days * day), new: 0, total: 2, paying: 1, trialing: 0 });
  });
});

describe('cancellations', () => {
  it('at period end count until the period ends; immediate ones churn at once; both voluntary', async () => {
    const s = await scene();
    const start = stripeNow(s);
    const atPeriodEnd = await subscribe(s, await payingCustomer(s), { items: [{ price: await price(s, 2900) }] });
    const immediate = await subscribe(s, await payingCustomer(s), { items: [{ price: await price(s, 1500) }] });
    await advance(s, day);
    await s.stripe.subscriptions.update(atPeriodEnd.id, { cancel_at_period_end: true });
    await s.stripe.subscriptions.cancel(immediate.id);
    await settle(s);
    expect((await mrr(s, range(start, 1))).body.mrr.current).toBe(2900);
    const periodEnd = atPeriodEnd.items.data[0].current_period_end;
    await advance(s, periodEnd - stripeNow(s) + 3600);
    const days = Math.ceil((periodEnd - start) / day);
    const { body } = await mrr(s, range(start, days));
    expect(body.mrr.current).toBe(0);
    expect(movedPoints(body.mrr.series)).toEqual([
      { date: dayOf(start), mrr: 4400, new: 4400, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
      { date: dayOf(start + day), mrr: 2900, new: 0, expansion: 0, contraction: 0, churned: -1500, reactivation: 0 },
      { date: dayOf(periodEnd), mrr: 0, new: 0, expansion: 0, contraction: 0, churned: -2900, reactivation: 0 },
    ]);
    const rates = (await churn(s, range(start, days))).body.churn;
    expect(rates.series.filter((point: { churnedCustomers: number }) => point.churnedCustomers > 0)).toEqual([
      {
        date: dayOf(start + day),
        customersAtStart: 2,
        churnedCustomers: 1,
        customerChurnRate: 0.5,
        mrrAtStart: 4400,
        churnedMrr: 1500,
        contractionMrr: 0,
        grossMrrChurnRate: 1500 / 4400,
        netMrrChurnRate: 1500 / 4400,
        voluntaryChurnedMrr: 1500,
        delinquentChurnedMrr: 0,
      },
      {
        date: dayOf(periodEnd),
        customersAtStart: 1,
        churnedCustomers: 1,
        customerChurnRate: 1,
        mrrAtStart: 2900,
        churnedMrr: 2900,
        contractionMrr: 0,
        grossMrrChurnRate: 1,
        netMrrChurnRate: 1,
        voluntaryChurnedMrr: 2900,
        delinquentChurnedMrr: 0,
      },
    ]);
    // One cohort (the month of the first payment): both paid; at its end only the 2,900 one still did.
    const cohortMonth = dayOf(start).slice(0, 7);
    const cohorts = (await retention(s, { ...range(start, days), cohorts: 1, to: dayOf(start) })).body.retention;
    expect(cohorts).toEqual({
      currency: 'usd',
      cohorts: [{ month: cohortMonth, customers: 2, mrr: 2900, logo: [0.5], revenue: [1] }],
      // the 30 days up to `to` lost nothing yet
      quickRatio: null,
    });
    await expectInvariant(s, range(start, days));
  });
});

describe('failed payments', () => {
  it('keep MRR while past due; the dunning cancellation is delinquent churn', async () => {
    const s = await scene();
    await setDunning(s, { retryDays: [1, 2], finalAction: 'cancel' });
    const start = stripeNow(s);
    const customer = await payingCustomer(s);
    const sub = await subscribe(s, customer, { items: [{ price: await price(s, 2900) }] });
    await setCard(s, customer.stripeCustomerId, failingCard);
    const periodEnd = sub.items.data[0].current_period_end;
    await advance(s, periodEnd - stripeNow(s) + 2 * 3600);
    expect((await s.stripe.subscriptions.retrieve(sub.id)).status).toBe('past_due');
    expect((await mrr(s, { from: dayOf(start), to: dayOf(periodEnd) })).body.mrr.current).toBe(2900);
    await advance(s, day + 3600);
    await advance(s, 2 * day + 3600);
    const ended = await s.stripe.subscriptions.retrieve(sub.id);
    expect(ended.status).toBe('canceled');
    expect(ended.cancellation_details?.reason).toBe('payment_failed');
    const days = Math.ceil((ended.ended_at! - start) / day);
    const { body } = await mrr(s, range(start, days));
    expect(movedPoints(body.mrr.series)).toEqual([
      { date: dayOf(start), mrr: 2900, new: 2900, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
      { date: dayOf(ended.ended_at!), mrr: 0, new: 0, expansion: 0, contraction: 0, churned: -2900, reactivation: 0 },
    ]);
    const lost = (await churn(s, range(start, days))).body.churn.series.find((point: { churnedMrr: number }) => point.churnedMrr > 0);
    expect(lost).toMatchObject({ churnedMrr: 2900, voluntaryChurnedMrr: 0, delinquentChurnedMrr: 2900 });
    await setDunning(s, { retryDays: [3, 5, 7], finalAction: 'past_due' });
  });
});

describe('reactivation', () => {
  it('is a customer coming back from 0 after having paid', async () => {
    const s = await scene();
    const start = stripeNow(s);
    const customer = await payingCustomer(s);
    const first = await subscribe(s, customer, { items: [{ price: await price(s, 2000) }] });
    await advance(s, day);
    await s.stripe.subscriptions.cancel(first.id);
    await advance(s, day);
    await subscribe(s, customer, { items: [{ price: await price(s, 2500) }] });
    const { body } = await mrr(s, range(start, 2));
    expect(body.mrr.series).toEqual([
      { date: dayOf(start), mrr: 2000, new: 2000, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
      { date: dayOf(start + day), mrr: 0, new: 0, expansion: 0, contraction: 0, churned: -2000, reactivation: 0 },
      { date: dayOf(start + 2 * day), mrr: 2500, new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 2500 },
    ]);
    // (2,000 + 2,500) gained over 2,000 lost
    expect((await summary(s, { to: dayOf(start + 2 * day) })).body.summary.quickRatio30d).toBe(2.25);
  });
});

describe('two currencies', () => {
  it('are never added together; the default is the one with the highest MRR', async () => {
    const s = await scene();
    const start = stripeNow(s);
    await subscribe(s, await payingCustomer(s), { items: [{ price: await price(s, 2900) }] });
    await subscribe(s, await payingCustomer(s), { items: [{ price: await price(s, 2500, { currency: 'eur' }) }] });
    await subscribe(s, await payingCustomer(s), { items: [{ price: await price(s, 1000, { currency: 'eur' }) }] });
    expect((await mrr(s, range(start, 0))).body.mrr).toMatchObject({ currency: 'eur', current: 3500 });
    expect((await mrr(s, { ...range(start, 0), currency: 'usd' })).body.mrr).toMatchObject({ currency: 'usd', current: 2900 });
    expect((await summary(s, { currency: 'usd', to: dayOf(start) })).body.summary).toMatchObject({ currency: 'usd', mrr: 2900, payingCustomers: 1 });
    expect((await customers(s, { ...range(start, 0), currency: 'eur' })).body.customers).toMatchObject({ total: 3, paying: 2 });
    const gbp = await mrr(s, { ...range(start, 0), currency: 'gbp' });
    expect(gbp.body.mrr).toEqual({
      currency: 'gbp',
      current: 0,
      arr: 0,
      series: [{ date: dayOf(start), mrr: 0, new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0 }],
    });
    // rebuild answers the same figures as the incremental ledger
    const before = await summary(s);
    const rebuilt = await rebuild(s);
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.summary).toEqual(before.body.summary);
  });
});

describe('webhooks delivered shuffled, duplicated and concurrently', () => {
  it('give the figures of in-order delivery', async () => {
    const s = await scene();
    emulator().setDeliveryMode({ duplicates: true, shuffle: true, concurrent: 3 });
    try {
      const start = stripeNow(s);
      const customer = await payingCustomer(s);
      const smaller = await price(s, 1000);
      const larger = await price(s, 4000);
      // One burst: every change happens in Stripe before any webhook is delivered.
      const sub = await s.stripe.subscriptions.create({ customer: customer.stripeCustomerId, items: [{ price: smaller, quantity: 2 }] });
      const itemId = sub.items.data[0].id;
      emulator().advanceTime(s.secretKey, day);
      await s.stripe.subscriptions.update(sub.id, { items: [{ id: itemId, quantity: 5 }] });
      emulator().advanceTime(s.secretKey, day);
      await s.stripe.subscriptions.update(sub.id, { items: [{ id: itemId, quantity: 3 }] });
      emulator().advanceTime(s.secretKey, day);
      await s.stripe.subscriptions.update(sub.id, { items: [{ id: itemId, price: larger, quantity: 1 }] });
      await settle(s);
      const { body } = await mrr(s, range(start, 3));
      expect(body.mrr.current).toBe(4000);
      expect(body.mrr.series).toEqual([
        { date: dayOf(start), mrr: 2000, new: 2000, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
        { date: dayOf(start + day), mrr: 5000, new: 0, expansion: 3000, contraction: 0, churned: 0, reactivation: 0 },
        { date: dayOf(start + 2 * day), mrr: 3000, new: 0, expansion: 0, contraction: -2000, churned: 0, reactivation: 0 },
        { date: dayOf(start + 3 * day), mrr: 4000, new: 0, expansion: 1000, contraction: 0, churned: 0, reactivation: 0 },
      ]);
    } finally {
      emulator().setDeliveryMode({ duplicates: false, shuffle: false, concurrent: 1 });
    }
  });
});
