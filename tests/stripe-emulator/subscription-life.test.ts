// Acceptance: a whole subscription life driven through the official SDK alone, every object read
// back checked against Stripe's own example object of its resource.
import type Stripe from 'stripe';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { expectStripeShape, newKey, sdk, startReceiver, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  emulator = await startTestEmulator();
  receiver = await startReceiver();
});
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

test('customer → checkout → two renewals → cancel at period end → resume → cancel now', async () => {
  const stripe = sdk(emulator, newKey());
  const endpoint = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
  expectStripeShape(endpoint, 'webhook_endpoint');
  expect(endpoint.secret).toMatch(/^whsec_/);

  const start = Math.floor(Date.now() / 1000);
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start, name: 'life' });
  expectStripeShape(clock, 'test_helpers.test_clock');

  const customer = await stripe.customers.create({ email: 'ada@example.com', name: 'Ada', test_clock: clock.id });
  expectStripeShape(customer, 'customer');
  expect(customer.created).toBe(start);
  const product = await stripe.products.create({ name: 'Pro plan' });
  expectStripeShape(product, 'product');
  const price = await stripe.prices.create({
    product: product.id,
    unit_amount: 2500,
    currency: 'usd',
    recurring: { interval: 'month' },
    nickname: 'Pro monthly',
  });
  expectStripeShape(price, 'price');
  const coupon = await stripe.coupons.create({ percent_off: 20, duration: 'repeating', duration_in_months: 3 });
  expectStripeShape(coupon, 'coupon');

  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price: price.id, quantity: 2 }],
    success_url: 'https://app.example.com/done?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://app.example.com/pricing',
    client_reference_id: 'team_42',
    subscription_data: { metadata: { team: '42' } },
  });
  expectStripeShape(session, 'checkout.session');
  expect(session).toMatchObject({ status: 'open', payment_status: 'unpaid', amount_total: 5000, subscription: null });

  const page = await fetch(session.url!);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('name="card"');
  expect(html).toMatch(/<button[^>]*>Pay<\/button>/);

  const paid = await fetch(`${session.url}/pay`, {
    method: 'POST',
    body: new URLSearchParams({ card: '4242424242424242' }),
    redirect: 'manual',
  });
  expect(paid.status).toBe(303);
  expect(paid.headers.get('location')).toBe(`https://app.example.com/done?session=${session.id}`);

  const completed = await stripe.checkout.sessions.retrieve(session.id);
  expectStripeShape(completed, 'checkout.session');
  expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid', customer: customer.id });
  expect(completed.subscription).toMatch(/^sub_/);

  let sub = await stripe.subscriptions.retrieve(String(completed.subscription), { expand: ['latest_invoice'] });
  expectStripeShape(sub, 'subscription');
  expectStripeShape(sub.items.data[0], 'subscription_item');
  expect(sub).toMatchObject({ status: 'active', customer: customer.id, test_clock: clock.id, metadata: { team: '42' } });
  expect(sub.items.data[0]).toMatchObject({ quantity: 2, current_period_start: start });
  const firstInvoice = sub.latest_invoice as Stripe.Invoice;
  expectStripeShape(firstInvoice, 'invoice');
  expect(firstInvoice).toMatchObject({
    status: 'paid',
    billing_reason: 'subscription_create',
    amount_due: 5000,
    amount_paid: 5000,
    total: 5000,
    customer: customer.id,
    parent: { type: 'subscription_details', subscription_details: { subscription: sub.id } },
  });
  expect(firstInvoice.lines.data[0]).toMatchObject({
    amount: 5000,
    quantity: 2,
    pricing: { price_details: { price: price.id, product: product.id } },
  });

  // Two renewals, each at the end of the period the clock passes.
  const periodEnds: number[] = [];
  for (let renewal = 1; renewal <= 2; renewal++) {
    const periodEnd = sub.items.data[0].current_period_end;
    periodEnds.push(periodEnd);
    const advanced = await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: periodEnd + 3600 });
    expectStripeShape(advanced, 'test_helpers.test_clock');
    expect(advanced).toMatchObject({ status: 'ready', frozen_time: periodEnd + 3600 });
    sub = await stripe.subscriptions.retrieve(sub.id);
    expect(sub.status).toBe('active');
    expect(sub.items.data[0].current_period_start).toBe(periodEnd);
    expect(sub.items.data[0].current_period_end).toBeGreaterThan(periodEnd + 27 * 86_400);
  }
  const invoices = await stripe.invoices.list({ subscription: sub.id });
  invoices.data.forEach((invoice) => expectStripeShape(invoice, 'invoice'));
  expect(invoices.data.map((i) => [i.billing_reason, i.status, i.amount_paid, i.created])).toEqual([
    ['subscription_cycle', 'paid', 5000, periodEnds[1]],
    ['subscription_cycle', 'paid', 5000, periodEnds[0]],
    ['subscription_create', 'paid', 5000, start],
  ]);

  const scheduled = await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
  expectStripeShape(scheduled, 'subscription');
  expect(scheduled).toMatchObject({
    status: 'active',
    cancel_at_period_end: true,
    cancel_at: sub.items.data[0].current_period_end,
  });
  const resumed = await stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
  expect(resumed).toMatchObject({ status: 'active', cancel_at_period_end: false, cancel_at: null, canceled_at: null });

  const canceled = await stripe.subscriptions.cancel(sub.id);
  expectStripeShape(canceled, 'subscription');
  expect(canceled).toMatchObject({ status: 'canceled', ended_at: periodEnds[1] + 3600, canceled_at: periodEnds[1] + 3600 });

  const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'https://app.example.com/account' });
  expectStripeShape(portal, 'billing_portal.session');
  const portalPage = await (await fetch(portal.url)).text();
  expect(portalPage).toContain(sub.id);
  expect(portalPage).toContain('https://app.example.com/account');

  // The subscription's own events, oldest first, each stamped with the simulated time it happened.
  const events = await stripe.events.list({ limit: 100 });
  events.data.forEach((event) => expectStripeShape(event, 'event'));
  const subscriptionEvents = events.data
    .filter((e) => e.type.startsWith('customer.subscription.'))
    .reverse()
    .map((e) => [e.type, e.created]);
  expect(subscriptionEvents).toEqual([
    ['customer.subscription.created', start],
    ['customer.subscription.updated', periodEnds[0]],
    ['customer.subscription.updated', periodEnds[1]],
    ['customer.subscription.updated', periodEnds[1] + 3600],
    ['customer.subscription.updated', periodEnds[1] + 3600],
    ['customer.subscription.deleted', periodEnds[1] + 3600],
  ]);
  const renewal = events.data.find((e) => e.type === 'customer.subscription.updated' && e.created === periodEnds[0])!;
  expect(Object.keys(renewal.data.previous_attributes ?? {})).toEqual(expect.arrayContaining(['items', 'latest_invoice']));

  // Every event was delivered, signed so the SDK accepts it.
  await emulator.idle();
  expect(receiver.received.map((r) => r.event.id).sort()).toEqual(events.data.map((e) => e.id).sort());
  for (const { raw, headers } of receiver.received) {
    const verified = stripe.webhooks.constructEvent(raw, String(headers['stripe-signature']), endpoint.secret!);
    expect(verified.id).toMatch(/^evt_/);
  }
  expect(receiver.types()).toEqual(
    expect.arrayContaining([
      'checkout.session.completed',
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
      'customer.subscription.deleted',
    ]),
  );
});
