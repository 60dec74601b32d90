// Subscription schedules through the official SDK: a downgrade at period end as a two-phase
// schedule, release and cancel at the end of the last phase or on request, a schedule that starts
// its own subscription, and the preview of the renewal a phase change decides. Test clock at
// 2030-01-01 00:00 UTC: the first period is January.
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { expectStripeShape, newKey, sdk, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const JAN_1 = Date.UTC(2030, 0, 1) / 1000;
const FEB_1 = Date.UTC(2030, 1, 1) / 1000;
const MAR_1 = Date.UTC(2030, 2, 1) / 1000;
const APR_1 = Date.UTC(2030, 3, 1) / 1000;
const HOURS_2 = 2 * 3600;

/** A customer with a card on a test clock, a 50.00 "Plus" and a 20.00 "Pro" monthly price, subscribed to Plus. */
async function world() {
  const stripe = sdk(emulator, newKey());
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: JAN_1 });
  const customer = await stripe.customers.create({
    test_clock: clock.id,
    payment_method: 'pm_card_visa',
    invoice_settings: { default_payment_method: 'pm_card_visa' },
  });
  const plus = await stripe.products.create({ name: 'Plus' });
  const pro = await stripe.products.create({ name: 'Pro' });
  const plusPrice = await stripe.prices.create({ product: plus.id, unit_amount: 5000, currency: 'usd', recurring: { interval: 'month' } });
  const proPrice = await stripe.prices.create({ product: pro.id, unit_amount: 2000, currency: 'usd', recurring: { interval: 'month' } });
  const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plusPrice.id }] });
  const advance = (to: number) => stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: to });
  return { stripe, customer, plusPrice, proPrice, sub, advance };
}

/** The downgrade BillStack schedules: the current phase until period end, then Pro. */
async function downgradeAtPeriodEnd(stripe: Stripe, sub: Stripe.Subscription, price: string, endBehavior: 'release' | 'cancel' = 'release') {
  const schedule = await stripe.subscriptionSchedules.create({ from_subscription: sub.id });
  const [current] = schedule.phases;
  return stripe.subscriptionSchedules.update(schedule.id, {
    end_behavior: endBehavior,
    phases: [
      { items: [{ price: String(current.items[0].price), quantity: 1 }], start_date: current.start_date, end_date: current.end_date },
      { items: [{ price, quantity: 1 }], proration_behavior: 'none' },
    ],
  });
}

async function eventTypes(stripe: Stripe, prefix: string): Promise<string[]> {
  const events = await stripe.events.list({ limit: 100 });
  return events.data.filter((e) => e.type.startsWith(prefix)).map((e) => e.type).reverse();
}

describe('subscription schedules', () => {
  test('from_subscription: one phase for the current period; the subscription points at its schedule', async () => {
    const { stripe, plusPrice, sub } = await world();
    const schedule = await stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    expectStripeShape(schedule, 'subscription_schedule');
    expect(schedule).toMatchObject({
      object: 'subscription_schedule',
      status: 'active',
      subscription: sub.id,
      customer: sub.customer,
      end_behavior: 'release',
      current_phase: { start_date: JAN_1, end_date: FEB_1 },
    });
    expect(schedule.id).toMatch(/^sub_sched_/);
    expect(schedule.phases.map((p) => [p.start_date, p.end_date, p.items.map((i) => [i.price, i.quantity])])).toEqual([
      [JAN_1, FEB_1, [[plusPrice.id, 1]]],
    ]);
    expect((await stripe.subscriptions.retrieve(sub.id)).schedule).toBe(schedule.id);
    expect((await stripe.subscriptions.retrieve(sub.id, { expand: ['schedule'] })).schedule).toMatchObject({ id: schedule.id });
    expect((await stripe.subscriptionSchedules.retrieve(schedule.id)).id).toBe(schedule.id);
    expect((await stripe.subscriptionSchedules.list({ customer: String(sub.customer) })).data.map((s) => s.id)).toEqual([schedule.id]);
    await expect(stripe.subscriptionSchedules.create({ from_subscription: sub.id })).rejects.toMatchObject({ statusCode: 400 });
  });

  test('a downgrade at period end: the renewal bills the new price without prorations; the schedule releases after its last phase', async () => {
    const { stripe, customer, proPrice, sub, advance } = await world();
    const schedule = await downgradeAtPeriodEnd(stripe, sub, proPrice.id);
    expect(schedule.phases.map((p) => [p.start_date, p.end_date, p.proration_behavior])).toEqual([
      [JAN_1, FEB_1, 'create_prorations'],
      [FEB_1, MAR_1, 'none'],
    ]);
    // Nothing changes before the phase ends.
    expect((await stripe.subscriptions.retrieve(sub.id)).items.data[0].price.id).not.toBe(proPrice.id);

    const preview = await stripe.invoices.createPreview({ subscription: sub.id });
    expect([preview.amount_due, preview.created, preview.lines.data.map((l) => l.pricing?.price_details?.price)]).toEqual([2000, FEB_1, [proPrice.id]]);

    await advance(FEB_1 + HOURS_2);
    const renewed = await stripe.subscriptions.retrieve(sub.id);
    expect(renewed.items.data.map((i) => [i.price.id, i.current_period_start, i.current_period_end])).toEqual([[proPrice.id, FEB_1, MAR_1]]);
    const renewal = await stripe.invoices.retrieve(String(renewed.latest_invoice));
    expect(renewal).toMatchObject({ billing_reason: 'subscription_cycle', amount_due: 2000, status: 'paid' });
    expect(renewal.lines.data.map((l) => [l.amount, l.parent?.subscription_item_details?.proration])).toEqual([[2000, false]]);
    expect((await stripe.invoiceItems.list({ customer: customer.id })).data).toEqual([]);
    expect((await stripe.subscriptionSchedules.retrieve(schedule.id)).current_phase).toEqual({ start_date: FEB_1, end_date: MAR_1 });

    await advance(MAR_1 + HOURS_2);
    const released = await stripe.subscriptionSchedules.retrieve(schedule.id);
    expect(released).toMatchObject({ status: 'released', released_at: MAR_1, released_subscription: sub.id, subscription: null, current_phase: null });
    const after = await stripe.subscriptions.retrieve(sub.id);
    expect(after).toMatchObject({ status: 'active', schedule: null });
    expect(after.items.data[0]).toMatchObject({ price: { id: proPrice.id }, current_period_start: MAR_1, current_period_end: APR_1 });
    expect(await eventTypes(stripe, 'subscription_schedule.')).toEqual([
      'subscription_schedule.created',
      'subscription_schedule.updated',
      'subscription_schedule.updated',
      'subscription_schedule.released',
    ]);
    const phaseChange = (await stripe.events.list({ type: 'customer.subscription.updated', limit: 100 })).data.find((e) => e.created === FEB_1 && 'items' in (e.data.previous_attributes ?? {}));
    expect(phaseChange).toBeDefined();
  });

  test('end_behavior cancel: the subscription ends with the last phase', async () => {
    const { stripe, proPrice, sub, advance } = await world();
    const schedule = await downgradeAtPeriodEnd(stripe, sub, proPrice.id, 'cancel');
    await advance(MAR_1 + HOURS_2);
    expect(await stripe.subscriptionSchedules.retrieve(schedule.id)).toMatchObject({ status: 'canceled', canceled_at: MAR_1 });
    expect(await stripe.subscriptions.retrieve(sub.id)).toMatchObject({ status: 'canceled', ended_at: MAR_1 });
  });

  test('release keeps the subscription as it is; cancel ends it now; neither works twice', async () => {
    const { stripe, proPrice, sub, advance } = await world();
    const schedule = await downgradeAtPeriodEnd(stripe, sub, proPrice.id);
    const released = await stripe.subscriptionSchedules.release(schedule.id);
    expect(released).toMatchObject({ status: 'released', released_subscription: sub.id, subscription: null, released_at: JAN_1 });
    await expect(stripe.subscriptionSchedules.release(schedule.id)).rejects.toMatchObject({ statusCode: 400 });
    await advance(FEB_1 + HOURS_2);
    // Released before the phase change: the subscription renews on its own price.
    expect((await stripe.subscriptions.retrieve(sub.id)).items.data[0].price.id).not.toBe(proPrice.id);

    const second = await stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    const canceled = await stripe.subscriptionSchedules.cancel(second.id);
    expect(canceled).toMatchObject({ status: 'canceled', canceled_at: FEB_1 + HOURS_2 });
    expect(await stripe.subscriptions.retrieve(sub.id)).toMatchObject({ status: 'canceled' });
    await expect(stripe.subscriptionSchedules.update(second.id, { end_behavior: 'cancel' })).rejects.toMatchObject({ statusCode: 400 });
  });

  test("editing the current phase changes the subscription now, prorated per the update's proration_behavior", async () => {
    const { stripe, proPrice, sub, advance } = await world();
    const schedule = await stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    await advance(JAN_1 + (FEB_1 - JAN_1) / 2);
    await stripe.subscriptionSchedules.update(schedule.id, {
      proration_behavior: 'always_invoice',
      phases: [{ items: [{ price: proPrice.id }], start_date: JAN_1, end_date: FEB_1 }],
    });
    const updated = await stripe.subscriptions.retrieve(sub.id);
    expect(updated.items.data.map((i) => i.price.id)).toEqual([proPrice.id]);
    const invoice = await stripe.invoices.retrieve(String(updated.latest_invoice));
    // Plus 50.00 -> Pro 20.00 at half time: -25.00 + 10.00, left on the customer's balance.
    expect(invoice).toMatchObject({ billing_reason: 'subscription_update', total: -1500, amount_due: 0, ending_balance: -1500 });
    const preview = await stripe.invoices.createPreview({ schedule: schedule.id });
    expect([preview.total, preview.starting_balance, preview.amount_due]).toEqual([2000, -1500, 500]);
  });

  test('schedule_details previews proposed phases: a downgrade at period end bills the new price at renewal, nothing now', async () => {
    const { stripe, plusPrice, proPrice, sub } = await world();
    const preview = await stripe.invoices.createPreview({
      subscription: sub.id,
      schedule_details: {
        phases: [
          { items: [{ price: plusPrice.id }], start_date: JAN_1, end_date: FEB_1 },
          { items: [{ price: proPrice.id }], proration_behavior: 'none' },
        ],
      },
    });
    expect([preview.billing_reason, preview.created, preview.amount_due, preview.lines.data.map((l) => [l.amount, l.period])]).toEqual([
      'subscription_cycle',
      FEB_1,
      2000,
      [[2000, { start: FEB_1, end: MAR_1 }]],
    ]);
    // Nothing was stored: the subscription has no schedule and keeps its price.
    const after = await stripe.subscriptions.retrieve(sub.id);
    expect([after.schedule, after.items.data[0].price.id]).toEqual([null, plusPrice.id]);
    await expect(
      stripe.invoices.createPreview({ subscription: sub.id, schedule_details: { proration_behavior: 'none' }, subscription_details: { proration_behavior: 'none' } }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  test('customer + phases starts the subscription now with the first phase', async () => {
    const { stripe, customer, plusPrice, proPrice, advance } = await world();
    const schedule = await stripe.subscriptionSchedules.create({
      customer: customer.id,
      start_date: 'now',
      end_behavior: 'release',
      phases: [
        { items: [{ price: proPrice.id, quantity: 2 }], duration: { interval: 'month', interval_count: 2 } },
        { items: [{ price: plusPrice.id }] },
      ],
    });
    expect(schedule.phases.map((p) => [p.start_date, p.end_date])).toEqual([
      [JAN_1, MAR_1],
      [MAR_1, APR_1],
    ]);
    const sub = await stripe.subscriptions.retrieve(String(schedule.subscription));
    expect(sub).toMatchObject({ status: 'active', schedule: schedule.id });
    expect(sub.items.data.map((i) => [i.price.id, i.quantity])).toEqual([[proPrice.id, 2]]);
    await advance(MAR_1 + HOURS_2);
    expect((await stripe.subscriptions.retrieve(sub.id)).items.data.map((i) => [i.price.id, i.quantity])).toEqual([[plusPrice.id, 1]]);
    await expect(
      stripe.subscriptionSchedules.create({ customer: customer.id, phases: [{ items: [{ price: proPrice.id }], end_date: JAN_1 }] }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'phases[0][end_date]' });
  });
});
