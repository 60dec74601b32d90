// Idempotent requests as Stripe documents them (https://docs.stripe.com/api/idempotent_requests): what is
// saved and replayed, what is refused before executing and so never saved, concurrent use, expiry.
import Stripe from 'stripe';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { newKey, sdk, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

test('a parameter validation error is not saved: the same key with fixed parameters executes', async () => {
  const stripe = sdk(emulator, newKey());
  const product = await stripe.products.create({ name: 'Pro' });
  const refused = await stripe.prices.create({ product: product.id, currency: 'usd' }, { idempotencyKey: 'fix-me' }).catch((e: unknown) => e);
  expect(refused).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', code: 'parameter_missing', param: 'unit_amount' });
  const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 500 }, { idempotencyKey: 'fix-me' });
  expect(price).toMatchObject({ object: 'price', unit_amount: 500 });
  expect(price.lastResponse.headers['idempotent-replayed']).toBeUndefined();
});

test('a 500 that happened while executing is saved and replayed, never executed again', async () => {
  const key = newKey();
  const stripe = sdk(emulator, key);
  emulator.injectFaults(key, { count: 1, status: 500 });
  const first = await stripe.customers.create({ email: 'r@example.com' }, { idempotencyKey: 'retry-me' }).catch((e: unknown) => e);
  expect(first).toBeInstanceOf(Stripe.errors.StripeAPIError);
  expect(first).toMatchObject({ statusCode: 500, message: 'An unknown error occurred (injected by the emulator).' });

  const res = await fetch(`${emulator.url}/v1/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'idempotency-key': 'retry-me', 'content-type': 'application/x-www-form-urlencoded' },
    body: 'email=r%40example.com',
  });
  expect(res.status).toBe(500);
  expect(res.headers.get('idempotent-replayed')).toBe('true');
  expect(await res.json()).toEqual({ error: { type: 'api_error', message: 'An unknown error occurred (injected by the emulator).' } });
  expect((await stripe.customers.list()).data).toEqual([]);
  expect((await stripe.customers.create({ email: 'r@example.com' }, { idempotencyKey: 'a-new-key' })).id).toMatch(/^cus_/);
});

test('a 429 refuses the request before it executes: a retry with the same key creates', async () => {
  const key = newKey();
  const stripe = sdk(emulator, key);
  emulator.injectFaults(key, { count: 1, status: 429 });
  await expect(stripe.customers.create({ email: 'l@example.com' }, { idempotencyKey: 'limited' })).rejects.toMatchObject({ statusCode: 429 });
  const created = await stripe.customers.create({ email: 'l@example.com' }, { idempotencyKey: 'limited' });
  expect(created.lastResponse.headers['idempotent-replayed']).toBeUndefined();
  expect((await stripe.customers.list()).data.map((c) => c.id)).toEqual([created.id]);
});

test('an error raised while executing (a 404 for a missing customer) is saved and replayed', async () => {
  const stripe = sdk(emulator, newKey());
  const product = await stripe.products.create({ name: 'Pro' });
  const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 500, recurring: { interval: 'month' } });
  const create = () => stripe.subscriptions.create({ customer: 'cus_missing', items: [{ price: price.id }] }, { idempotencyKey: 'missing' });
  await expect(create()).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  const again = (await create().catch((e: unknown) => e)) as Stripe.errors.StripeError;
  expect(again).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  expect(again.headers?.['idempotent-replayed']).toBe('true');
});

test('the same key with other parameters is a 400 idempotency_error', async () => {
  const stripe = sdk(emulator, newKey());
  await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'k2' });
  const error = await stripe.customers.create({ email: 'b@example.com' }, { idempotencyKey: 'k2' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  expect(error).toMatchObject({
    statusCode: 400,
    message:
      "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'k2' if you meant to execute a different request.",
  });
});

test('a second request while the first with the same key is executing is a 409 idempotency_error, and saves nothing', async () => {
  const key = newKey();
  const stripe = sdk(emulator, key);
  emulator.injectFaults(key, { count: 1, delayMs: 300 });
  const first = stripe.customers.create({ email: 'slow@example.com' }, { idempotencyKey: 'busy' });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const second = await stripe.customers.create({ email: 'slow@example.com' }, { idempotencyKey: 'busy' }).catch((e: unknown) => e);
  // The SDK maps every 409 to StripeAPIError (and retries it when retries are on); the body says why.
  expect(second).toBeInstanceOf(Stripe.errors.StripeAPIError);
  expect(second).toMatchObject({
    statusCode: 409,
    rawType: 'idempotency_error',
    message:
      'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): busy. Please try again later.',
  });
  const created = await first;
  const replay = await stripe.customers.create({ email: 'slow@example.com' }, { idempotencyKey: 'busy' });
  expect(replay.id).toBe(created.id);
  expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
  expect((await stripe.customers.list()).data).toHaveLength(1);
});

test('keys expire after 24 hours of account time: the key then starts a new request', async () => {
  const key = newKey();
  const stripe = sdk(emulator, key);
  const first = await stripe.customers.create({ email: 'day1@example.com' }, { idempotencyKey: 'daily' });
  emulator.advanceTime(key, 24 * 3600 - 60);
  expect((await stripe.customers.create({ email: 'day1@example.com' }, { idempotencyKey: 'daily' })).id).toBe(first.id);
  emulator.advanceTime(key, 120);
  const second = await stripe.customers.create({ email: 'day2@example.com' }, { idempotencyKey: 'daily' });
  expect(second.id).not.toBe(first.id);
  expect(second.email).toBe('day2@example.com');
});

test('a key named like an Object.prototype property is an ordinary key', async () => {
  const stripe = sdk(emulator, newKey());
  const first = await stripe.customers.create({ email: 'p@example.com' }, { idempotencyKey: '__proto__' });
  expect((await stripe.customers.create({ email: 'p@example.com' }, { idempotencyKey: '__proto__' })).id).toBe(first.id);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
});
