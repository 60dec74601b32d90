// Time: the account clock (/_emulator/time/advance) and Stripe's test clocks drive the billing engine.
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { expectStripeShape, monthlyPlan, newKey, sdk, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const DAY = 86_400;

async function invoicesOf(stripe: Stripe, sub: Stripe.Subscription) {
  return (await stripe.invoices.list({ subscription: sub.id })).data;
}

describe('account clock', () => {
  test('advancing several periods renews once per period, in order, with events at the simulated times', async () => {
    const key = newKey();
    const stripe = sdk(emulator, key);
    const { customer, price } = await monthlyPlan(stripe, 1000);
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    const firstEnd = sub.items.data[0].current_period_end;

    const res = await fetch(`${emulator.url}/_emulator/time/advance`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'seconds=' + 95 * DAY,
    });
    expect(res.status).toBe(200);
    const { now } = (await res.json()) as { now: number };
    expect(now).toBe(emulator.now(key));

    const invoices = (await invoicesOf(stripe, sub)).reverse();
    expect(invoices.map((i) => i.billing_reason)).toEqual([
      'subscription_create',
      'subscription_cycle',
      'subscription_cycle',
      'subscription_cycle',
    ]);
    expect(invoices[1].created).toBe(firstEnd);
    expect(invoices[1].lines.data[0].period.start).toBe(firstEnd);
    const periods = invoices.map((i) => i.lines.data[0].period);
    periods.slice(1).forEach((period, i) => expect(period.start).toBe(periods[i].end));

    const renewed = await stripe.subscriptions.retrieve(sub.id);
    expect(renewed.items.data[0].current_period_start).toBe(periods[3].start);
    expect(renewed.latest_invoice).toBe(invoices[3].id);
    // Stripe lists the last 30 days of events: of the three renewals' updates, the last one is still listed.
    const updates = (await stripe.events.list({ type: 'customer.subscription.updated' })).data.reverse();
    expect(updates.map((e) => e.created)).toEqual(invoices.slice(3).map((i) => i.created));
    // A later customer is stamped with the advanced clock.
    expect((await stripe.customers.create({})).created).toBeGreaterThanOrEqual(now);
  });

  test('a trial ends into an active subscription with its first paid invoice', async () => {
    const key = newKey();
    const stripe = sdk(emulator, key);
    const { customer, price } = await monthlyPlan(stripe, 1500);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      trial_period_days: 14,
    });
    expect(sub).toMatchObject({ status: 'trialing', trial_end: sub.trial_start! + 14 * DAY });
    expect(sub.items.data[0].current_period_end).toBe(sub.trial_end);
    const trialInvoice = await stripe.invoices.retrieve(String(sub.latest_invoice));
    expect(trialInvoice).toMatchObject({ total: 0, status: 'paid' });

    emulator.advanceTime(key, 15 * DAY);
    const active = await stripe.subscriptions.retrieve(sub.id);
    expect(active).toMatchObject({ status: 'active', billing_cycle_anchor: sub.trial_end });
    expect(active.items.data[0].current_period_start).toBe(sub.trial_end);
    const paid = await stripe.invoices.retrieve(String(active.latest_invoice));
    expect(paid).toMatchObject({ total: 1500, status: 'paid', created: sub.trial_end, billing_reason: 'subscription_cycle' });
    const [update] = (await stripe.events.list({ type: 'customer.subscription.updated' })).data;
    expect(update.data.previous_attributes).toMatchObject({ status: 'trialing' });
  });

  test('cancel_at_period_end cancels at the period end without another invoice', async () => {
    const key = newKey();
    const stripe = sdk(emulator, key);
    const { customer, price } = await monthlyPlan(stripe);
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], cancel_at_period_end: true });
    const periodEnd = sub.items.data[0].current_period_end;
    expect(sub).toMatchObject({ status: 'active', cancel_at: periodEnd });
    emulator.advanceTime(key, 40 * DAY);
    const ended = await stripe.subscriptions.retrieve(sub.id);
    expect(ended).toMatchObject({
      status: 'canceled',
      ended_at: periodEnd,
      cancellation_details: { reason: 'cancellation_requested' },
    });
    expect(await invoicesOf(stripe, sub)).toHaveLength(1);
    const [deleted] = (await stripe.events.list({ type: 'customer.subscription.deleted' })).data;
    expect(deleted.created).toBe(periodEnd);
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toEqual([]);
    expect((await stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data).toHaveLength(1);
  });

  test('the in-process clock never goes backwards', async () => {
    const key = newKey();
    const before = emulator.now(key);
    expect(emulator.advanceTime(key, 3600)).toBeGreaterThanOrEqual(before + 3600);
    const otherKey = newKey();
    expect(emulator.now(otherKey)).toBeLessThan(before + 3600);
  });
});

describe('test clocks', () => {
  test('CRUD; advancing only moves customers on that clock', async () => {
    const key = newKey();
    const stripe = sdk(emulator, key);
    const frozen = Math.floor(Date.now() / 1000) - 10 * DAY;
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: frozen });
    expectStripeShape(clock, 'test_helpers.test_clock');
    expect(clock).toMatchObject({ status: 'ready', frozen_time: frozen, name: null });
    const { price } = await monthlyPlan(stripe, 900);
    const card = { payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } };
    const onClock = await stripe.customers.create({ email: 'clock@example.com', test_clock: clock.id, ...card });
    const offClock = await stripe.customers.create({ email: 'real@example.com', ...card });
    const clocked = await stripe.subscriptions.create({ customer: onClock.id, items: [{ price: price.id }] });
    const real = await stripe.subscriptions.create({ customer: offClock.id, items: [{ price: price.id }] });
    expect(clocked).toMatchObject({ test_clock: clock.id, created: frozen, start_date: frozen });

    await expect(stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: frozen - 1 })).rejects.toMatchObject({
      statusCode: 400,
      param: 'frozen_time',
    });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: frozen + 65 * DAY });
    expect(await invoicesOf(stripe, clocked)).toHaveLength(3);
    expect(await invoicesOf(stripe, real)).toHaveLength(1);
    expect((await stripe.testHelpers.testClocks.list()).data.map((c) => c.id)).toEqual([clock.id]);

    expect(await stripe.testHelpers.testClocks.del(clock.id)).toMatchObject({ id: clock.id, deleted: true });
    await expect(stripe.customers.retrieve(onClock.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(stripe.testHelpers.testClocks.retrieve(clock.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});

test('once the card fails charges, the renewal fails: invoice open, subscription past_due', async () => {
  const key = newKey();
  const stripe = sdk(emulator, key);
  const { customer, price } = await monthlyPlan(stripe, 1100);
  const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
  const card = await fetch(`${emulator.url}/_emulator/customers/${customer.id}/card`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ card: '4000000000000341' }),
  });
  expect(card.status).toBe(200);
  emulator.advanceTime(key, 32 * DAY);
  const overdue = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
  expect(overdue.status).toBe('past_due');
  expect(overdue.latest_invoice).toMatchObject({ status: 'open', attempted: true, amount_paid: 0, amount_remaining: 1100 });
  expect((await stripe.events.list({ type: 'invoice.payment_failed' })).data).toHaveLength(1);
});
