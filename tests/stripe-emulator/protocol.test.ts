// The REST contract the SDK relies on: auth, errors, idempotency, pagination, expand, isolation, faults.
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { monthlyPlan, newKey, sdk, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

describe('authentication', () => {
  test.each(['sk_test_invalid0123456789', 'sk_test_short', 'pk_test_0123456789abcdef', 'nonsense'])(
    '%s is a 401 the SDK maps to StripeAuthenticationError',
    async (key) => {
      const error = await sdk(emulator, key).customers.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
      expect((error as Stripe.errors.StripeError).statusCode).toBe(401);
      expect((error as Stripe.errors.StripeError).type).toBe('StripeAuthenticationError');
      expect((error as Stripe.errors.StripeError).message).toMatch(/^Invalid API Key provided: /);
    },
  );

  test('a missing key is a 401 in Stripe error format', async () => {
    const res = await fetch(`${emulator.url}/v1/customers`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { type: 'invalid_request_error', message: expect.stringContaining('You did not provide an API key') },
    });
  });

  test('the key masked in the message shows only its last four characters', async () => {
    const res = await fetch(`${emulator.url}/v1/customers`, { headers: { authorization: 'Bearer sk_test_invalidABCDEFGH1234' } });
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toBe(`Invalid API Key provided: sk_test_${'*'.repeat(15)}1234`);
  });

  test.each(['sk_live_', 'rk_test_', 'rk_live_'])('%s keys are accounts too, with a stable acct id', async (prefix) => {
    const key = newKey(prefix);
    const account = await sdk(emulator, key).accounts.retrieveCurrent();
    expect(account).toMatchObject({ id: emulator.accountId(key), object: 'account', country: 'US', charges_enabled: true });
    expect(account.id).toMatch(/^acct_/);
    expect(account.settings?.dashboard.display_name).toEqual(expect.any(String));
  });
});

test('two keys never see each other’s objects', async () => {
  const a = sdk(emulator, newKey());
  const b = sdk(emulator, newKey());
  const customer = await a.customers.create({ email: 'only-a@example.com' });
  expect((await b.customers.list()).data).toEqual([]);
  const error = await b.customers.retrieve(customer.id).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id' });
  expect((await a.accounts.retrieveCurrent()).id).not.toBe((await b.accounts.retrieveCurrent()).id);
});

test('errors use Stripe’s envelope', async () => {
  const key = newKey();
  const missing = await fetch(`${emulator.url}/v1/customers/cus_nope`, { headers: { authorization: `Bearer ${key}` } });
  expect(missing.status).toBe(404);
  expect(await missing.json()).toEqual({
    error: { type: 'invalid_request_error', code: 'resource_missing', message: "No such customer: 'cus_nope'", param: 'id' },
  });
  const error = await sdk(emulator, key).prices.create({ currency: 'usd', unit_amount: 100 }).catch((e: unknown) => e);
  expect(error).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'product' });
  const unknown = await fetch(`${emulator.url}/v1/nothing_here`, { headers: { authorization: `Bearer ${key}` } });
  expect(unknown.status).toBe(404);
});

describe('idempotency', () => {
  test('same key and body replays the stored response without creating twice', async () => {
    const stripe = sdk(emulator, newKey());
    const first = await stripe.customers.create({ email: 'i@example.com' }, { idempotencyKey: 'k1' });
    const second = await stripe.customers.create({ email: 'i@example.com' }, { idempotencyKey: 'k1' });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect((await stripe.customers.list()).data).toHaveLength(1);
  });

  test('same key with different params is a 400 idempotency_error', async () => {
    const stripe = sdk(emulator, newKey());
    await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'k2' });
    const error = await stripe.customers.create({ email: 'b@example.com' }, { idempotencyKey: 'k2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400 });
  });

  test('keys are per account', async () => {
    const a = await sdk(emulator, newKey()).customers.create({ email: 'a@example.com' }, { idempotencyKey: 'shared' });
    const b = await sdk(emulator, newKey()).customers.create({ email: 'b@example.com' }, { idempotencyKey: 'shared' });
    expect(a.id).not.toBe(b.id);
  });
});

describe('pagination', () => {
  const stripe = () => sdk(emulator, key);
  let key: string;
  let ids: string[];
  beforeAll(async () => {
    key = newKey();
    ids = [];
    for (let i = 0; i < 7; i++) ids.unshift((await stripe().products.create({ name: `P${i}` })).id);
  });

  test('newest first, limit, has_more and url', async () => {
    const page = await stripe().products.list({ limit: 3 });
    expect(page).toMatchObject({ object: 'list', has_more: true, url: '/v1/products' });
    expect(page.data.map((p) => p.id)).toEqual(ids.slice(0, 3));
  });

  test('starting_after and ending_before walk the list', async () => {
    const next = await stripe().products.list({ limit: 3, starting_after: ids[2] });
    expect(next.data.map((p) => p.id)).toEqual(ids.slice(3, 6));
    const last = await stripe().products.list({ limit: 3, starting_after: ids[5] });
    expect(last).toMatchObject({ has_more: false });
    expect(last.data.map((p) => p.id)).toEqual([ids[6]]);
    const before = await stripe().products.list({ limit: 2, ending_before: ids[4] });
    expect(before.data.map((p) => p.id)).toEqual(ids.slice(2, 4));
    expect(before.has_more).toBe(true);
  });

  test('the SDK’s auto-pagination sees every object once', async () => {
    const all: string[] = [];
    for await (const product of stripe().products.list({ limit: 2 })) all.push(product.id);
    expect(all).toEqual(ids);
  });

  test('limit outside 1..100 is a 400', async () => {
    await expect(stripe().products.list({ limit: 101 })).rejects.toMatchObject({ statusCode: 400, param: 'limit' });
  });
});

describe('expand', () => {
  test('nested paths on objects and data.* on lists', async () => {
    const stripe = sdk(emulator, newKey());
    const { customer, price, product } = await monthlyPlan(stripe);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      expand: ['customer', 'latest_invoice', 'items.data.price.product'],
    });
    expect((sub.customer as Stripe.Customer).email).toBe(customer.email);
    expect((sub.latest_invoice as Stripe.Invoice).object).toBe('invoice');
    expect((sub.items.data[0].price.product as Stripe.Product).name).toBe(product.name);

    const list = await stripe.subscriptions.list({ expand: ['data.customer'] });
    expect((list.data[0].customer as Stripe.Customer).id).toBe(customer.id);
    const invoice = await stripe.invoices.retrieve(String(sub.latest_invoice && (sub.latest_invoice as Stripe.Invoice).id), {
      expand: ['parent.subscription_details.subscription'],
    });
    expect((invoice.parent?.subscription_details?.subscription as Stripe.Subscription).id).toBe(sub.id);
  });

  test('a field that is not an id cannot be expanded', async () => {
    const stripe = sdk(emulator, newKey());
    const customer = await stripe.customers.create({ email: 'e@example.com' });
    await expect(stripe.customers.retrieve(customer.id, { expand: ['email'] })).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe('fault injection', () => {
  test('next N calls answer 500 / 429 with Stripe error bodies, then recover', async () => {
    const key = newKey();
    const stripe = sdk(emulator, key);
    emulator.injectFaults(key, { count: 2, status: 500 });
    await expect(stripe.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    await expect(stripe.customers.list()).rejects.toMatchObject({ statusCode: 500 });
    await expect(stripe.customers.list()).resolves.toMatchObject({ object: 'list' });

    const res = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1, status: 429 }),
    });
    expect(res.status).toBe(200);
    const limited = await stripe.customers.list().catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(limited).toMatchObject({ statusCode: 429 });
    await expect(stripe.customers.list()).resolves.toBeTruthy();
  });

  test('delays slow calls down; other accounts are unaffected', async () => {
    const key = newKey();
    emulator.injectFaults(key, { count: 1, delayMs: 300 });
    const other = Date.now();
    await sdk(emulator, newKey()).customers.list();
    expect(Date.now() - other).toBeLessThan(250);
    const started = Date.now();
    await sdk(emulator, key).customers.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  test('aimed at one request, only its calls take the faults', async () => {
    const key = newKey();
    const stripe = sdk(emulator, key);
    emulator.injectFaults(key, { count: 1, status: 500, request: 'POST /v1/customers' });
    const customer = await stripe.customers.create({ email: 'aimed@example.com' }).catch((e: unknown) => e);
    expect(customer).toMatchObject({ statusCode: 500 });
    await expect(stripe.customers.create({ email: 'aimed@example.com' })).resolves.toMatchObject({ object: 'customer' });

    const res = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1, status: 500, request: 'POST /v1/products' }),
    });
    expect(res.status).toBe(200);
    await expect(stripe.customers.list()).resolves.toMatchObject({ object: 'list' });
    await expect(stripe.customers.create({ email: 'other@example.com' })).resolves.toMatchObject({ object: 'customer' });
    await expect(stripe.products.create({ name: 'Aimed' })).rejects.toMatchObject({ statusCode: 500 });
    await expect(stripe.products.create({ name: 'Aimed' })).resolves.toMatchObject({ object: 'product' });
  });
});

test('reset forgets the account’s objects', async () => {
  const key = newKey();
  const stripe = sdk(emulator, key);
  await stripe.customers.create({ email: 'x@example.com' });
  const res = await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(200);
  expect((await stripe.customers.list()).data).toEqual([]);
});
