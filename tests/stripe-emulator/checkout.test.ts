// Checkout Sessions and the hosted pages: paying, declining, cancelling, expiring; the portal page.
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { monthlyPlan, newKey, sdk, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

function pay(session: Stripe.Checkout.Session, card: string, headers: Record<string, string> = {}) {
  return fetch(`${session.url}/pay`, {
    method: 'POST',
    headers,
    body: new URLSearchParams({ card }),
    redirect: 'manual',
  });
}

async function subscriptionSession(stripe: Stripe, extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  const { price, customer } = await monthlyPlan(stripe, 1200);
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: price.id, quantity: 1 }],
    customer_email: 'buyer@example.com',
    success_url: 'https://app.example.com/ok?id={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://app.example.com/pricing',
    ...extra,
  });
  return { session, price, customer };
}

describe('listing', () => {
  test("lists the account's sessions newest first, by customer and by status", async () => {
    const stripe = sdk(emulator, newKey());
    const { session: first, customer } = await subscriptionSession(stripe);
    const { session: second } = await subscriptionSession(stripe);
    const mine = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: (await monthlyPlan(stripe)).price.id, quantity: 1 }],
      customer: customer.id,
      success_url: 'https://app.example.com/ok',
      cancel_url: 'https://app.example.com/pricing',
    });
    await stripe.checkout.sessions.expire(second.id);
    expect((await stripe.checkout.sessions.list()).data.map((session) => session.id)).toEqual([mine.id, second.id, first.id]);
    expect((await stripe.checkout.sessions.list({ customer: customer.id })).data.map((session) => session.id)).toEqual([mine.id]);
    expect((await stripe.checkout.sessions.list({ status: 'expired' })).data.map((session) => session.id)).toEqual([second.id]);
  });
});

describe('subscription mode', () => {
  test('paying with only customer_email creates the customer, subscription and paid invoice', async () => {
    const stripe = sdk(emulator, newKey());
    const { session } = await subscriptionSession(stripe, {
      metadata: { order: '7' },
      subscription_data: { trial_period_days: 7, metadata: { team: 't1' } },
    });
    expect(session.url).toBe(`${emulator.url}/checkout/${session.id}`);
    expect(session.id).toMatch(/^cs_test_/);
    expect((await pay(session, '4242 4242 4242 4242')).status).toBe(303);

    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['customer', 'subscription'] });
    const customer = done.customer as Stripe.Customer;
    const sub = done.subscription as Stripe.Subscription;
    expect(customer.email).toBe('buyer@example.com');
    expect(done).toMatchObject({ status: 'complete', payment_status: 'no_payment_required', metadata: { order: '7' } });
    expect(done.customer_details?.email).toBe('buyer@example.com');
    expect(sub).toMatchObject({ status: 'trialing', customer: customer.id, metadata: { team: 't1' } });
    const types = (await stripe.events.list()).data.map((e) => e.type);
    expect(types[0]).toBe('checkout.session.completed');
    expect(types).toEqual(expect.arrayContaining(['customer.created', 'customer.subscription.created', 'invoice.paid']));
  });

  test('a declined card leaves the session open: HTML 402 page, or Stripe’s card_error for JSON clients', async () => {
    const stripe = sdk(emulator, newKey());
    const { session } = await subscriptionSession(stripe);
    const html = await pay(session, '4000000000000002');
    expect(html.status).toBe(402);
    expect(await html.text()).toContain('Your card was declined');
    const json = await pay(session, '4000000000000002', { accept: 'application/json' });
    expect(json.status).toBe(402);
    expect(await json.json()).toEqual({
      error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
    });
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'open', payment_status: 'unpaid', subscription: null });
    expect((await stripe.customers.list()).data.map((c) => c.email)).not.toContain('buyer@example.com');
    expect((await pay(session, '4242424242424242')).status).toBe(303);
  });

  test('a card declined in Checkout is not attached: the customer still has no card to charge', async () => {
    const stripe = sdk(emulator, newKey());
    const { price } = await monthlyPlan(stripe);
    const customer = await stripe.customers.create({ email: 'nocard@example.com' });
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'https://app.example.com/ok',
    });
    expect((await pay(session, '4000000000009995')).status).toBe(402);
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({ invoice_settings: { default_payment_method: null } });
    const error = await stripe.subscriptions
      .create({ customer: customer.id, items: [{ price: price.id }], payment_behavior: 'error_if_incomplete' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      statusCode: 400,
      type: 'StripeInvalidRequestError',
      message: 'This customer has no attached payment source or default payment method.',
    });
  });

  test('a completed session cannot be paid again; the page says so', async () => {
    const stripe = sdk(emulator, newKey());
    const { session } = await subscriptionSession(stripe);
    await pay(session, '4242424242424242');
    const again = await pay(session, '4242424242424242', { accept: 'application/json' });
    expect(again.status).toBe(400);
    expect(await (await fetch(session.url!)).text()).toContain('no longer active');
  });

  test('a hosted page id that names an Object.prototype member is an unknown session', async () => {
    for (const id of ['constructor', '__proto__', 'toString']) {
      const res = await fetch(`${emulator.url}/checkout/${id}`);
      expect(res.status).toBe(404);
    }
  });

  test('the Cancel link redirects to cancel_url', async () => {
    const stripe = sdk(emulator, newKey());
    const { session } = await subscriptionSession(stripe);
    const page = await (await fetch(session.url!)).text();
    expect(page).toContain(`href="/checkout/${session.id}/cancel"`);
    const res = await fetch(`${session.url}/cancel`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://app.example.com/pricing');
  });

  test('discounts lower the total and follow the subscription', async () => {
    const stripe = sdk(emulator, newKey());
    const coupon = await stripe.coupons.create({ amount_off: 200, currency: 'usd', duration: 'once' });
    const { session } = await subscriptionSession(stripe, { discounts: [{ coupon: coupon.id }] });
    expect(session).toMatchObject({ amount_subtotal: 1200, amount_total: 1000, total_details: { amount_discount: 200 } });
    await pay(session, '4242424242424242');
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['invoice'] });
    expect(done.invoice).toMatchObject({ subtotal: 1200, total: 1000, amount_paid: 1000 });
    expect((await stripe.coupons.retrieve(coupon.id)).times_redeemed).toBe(1);
  });

  test('one-time prices are refused in subscription mode, recurring ones in payment mode', async () => {
    const stripe = sdk(emulator, newKey());
    const { price, product } = await monthlyPlan(stripe);
    const oneTime = await stripe.prices.create({ product: product.id, unit_amount: 500, currency: 'usd' });
    const base = { success_url: 'https://app.example.com/ok' };
    await expect(
      stripe.checkout.sessions.create({ ...base, mode: 'subscription', line_items: [{ price: oneTime.id, quantity: 1 }] }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'line_items[0][price]' });
    await expect(
      stripe.checkout.sessions.create({ ...base, mode: 'payment', line_items: [{ price: price.id, quantity: 1 }] }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe('payment mode', () => {
  test('pays a one-time price; line items are listable and expandable', async () => {
    const stripe = sdk(emulator, newKey());
    const product = await stripe.products.create({ name: 'Credits' });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 700, currency: 'eur' });
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: price.id, quantity: 3 }],
      success_url: 'https://app.example.com/ok',
    });
    expect(session).toMatchObject({ amount_total: 2100, currency: 'eur', mode: 'payment' });
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    expect(items.data[0]).toMatchObject({ object: 'item', quantity: 3, amount_total: 2100, price: { id: price.id } });
    const expanded = await stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] });
    expect(expanded.line_items?.data).toHaveLength(1);
    expect((await pay(session, '4242424242424242')).headers.get('location')).toBe('https://app.example.com/ok');
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'complete', payment_status: 'paid', subscription: null });
  });
});

test('expire: by API and by the clock, each with checkout.session.expired', async () => {
  const key = newKey();
  const stripe = sdk(emulator, key);
  const { session } = await subscriptionSession(stripe);
  const expired = await stripe.checkout.sessions.expire(session.id);
  expect(expired).toMatchObject({ status: 'expired', url: null });
  await expect(stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({ statusCode: 400 });

  const { session: later } = await subscriptionSession(stripe);
  emulator.advanceTime(key, 25 * 3600);
  expect(await stripe.checkout.sessions.retrieve(later.id)).toMatchObject({ status: 'expired' });
  const events = await stripe.events.list({ type: 'checkout.session.expired' });
  expect(events.data.map((e) => (e.data.object as Stripe.Checkout.Session).id)).toEqual([later.id, session.id]);
  expect((await stripe.checkout.sessions.list({ status: 'expired' })).data).toHaveLength(2);
});

test('billing portal session: hosted page lists subscriptions and links back', async () => {
  const stripe = sdk(emulator, newKey());
  const { customer, price } = await monthlyPlan(stripe);
  const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
  const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'https://app.example.com/account' });
  expect(portal).toMatchObject({ object: 'billing_portal.session', customer: customer.id, livemode: false });
  expect(portal.id).toMatch(/^bps_/);
  expect(portal.url).toBe(`${emulator.url}/billing_portal/${portal.id}`);
  const page = await fetch(portal.url);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain(sub.id);
  expect(html).toContain('href="https://app.example.com/account"');
  await expect(stripe.billingPortal.sessions.create({ customer: 'cus_missing' })).rejects.toMatchObject({ statusCode: 404, param: 'customer' });
  expect((await fetch(`${emulator.url}/billing_portal/bps_nope`)).status).toBe(404);
});
