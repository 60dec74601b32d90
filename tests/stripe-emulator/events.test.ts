// GET /v1/events as Stripe documents it (https://docs.stripe.com/api/events/list): `type` with `*` wildcards,
// `types[]`, `created` (exact or bounds), `delivery_success`, newest first with cursors, 30 days of history.
import Stripe from 'stripe';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { newKey, sdk, startReceiver, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const ids = (list: Stripe.ApiList<Stripe.Event>) => list.data.map((event) => event.id);

test('type with * wildcards, types[], created bounds and exact values, newest first with cursors', async () => {
  const key = newKey();
  const stripe = sdk(emulator, key);
  const customer = await stripe.customers.create({ email: 'e@example.com' });
  emulator.advanceTime(key, 100);
  await stripe.customers.update(customer.id, { name: 'E' });
  emulator.advanceTime(key, 100);
  await stripe.products.create({ name: 'P' });

  const all = await stripe.events.list();
  expect(all.data.map((event) => event.type)).toEqual(['product.created', 'customer.updated', 'customer.created']);
  const [product, updated, created] = all.data;
  expect(ids(await stripe.events.list({ type: 'customer.*' }))).toEqual([updated.id, created.id]);
  expect(ids(await stripe.events.list({ type: '*.created' }))).toEqual([product.id, created.id]);
  expect(ids(await stripe.events.list({ type: 'customer.updated' }))).toEqual([updated.id]);
  expect(ids(await stripe.events.list({ type: 'customer' }))).toEqual([]);
  expect(ids(await stripe.events.list({ types: ['product.created', 'customer.updated'] }))).toEqual([product.id, updated.id]);

  expect(ids(await stripe.events.list({ created: updated.created }))).toEqual([updated.id]);
  expect(ids(await stripe.events.list({ created: { gt: created.created } }))).toEqual([product.id, updated.id]);
  expect(ids(await stripe.events.list({ created: { gte: updated.created, lte: updated.created } }))).toEqual([updated.id]);
  expect(ids(await stripe.events.list({ created: { lt: product.created }, type: 'customer.*' }))).toEqual([updated.id, created.id]);

  const first = await stripe.events.list({ limit: 1 });
  expect(first).toMatchObject({ has_more: true, url: '/v1/events' });
  expect(ids(first)).toEqual([product.id]);
  expect(ids(await stripe.events.list({ limit: 2, starting_after: product.id }))).toEqual([updated.id, created.id]);

  await expect(stripe.events.list({ type: 'customer.*', types: ['customer.created'] })).rejects.toMatchObject({ statusCode: 400, param: 'types' });
});

test('delivery_success tells events every endpoint took from those still pending or given up on', async () => {
  const receiver = await startReceiver();
  const stripe = sdk(emulator, newKey());
  await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
  await stripe.customers.create({ email: 'delivered@example.com' });
  await emulator.idle();
  await stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/unreachable', enabled_events: ['customer.created'] });
  await stripe.customers.create({ email: 'undelivered@example.com' });
  await emulator.idle();

  const [undelivered, delivered] = (await stripe.events.list()).data;
  expect([undelivered.pending_webhooks, delivered.pending_webhooks]).toEqual([1, 0]);
  expect(ids(await stripe.events.list({ delivery_success: true }))).toEqual([delivered.id]);
  expect(ids(await stripe.events.list({ delivery_success: false }))).toEqual([undelivered.id]);
  await receiver.close();
});

test('events older than 30 days (account clock) are neither listed nor retrievable', async () => {
  const key = newKey();
  const stripe = sdk(emulator, key);
  await stripe.customers.create({ email: 'old@example.com' });
  const [old] = (await stripe.events.list()).data;
  emulator.advanceTime(key, 29 * 86_400);
  expect(ids(await stripe.events.list())).toEqual([old.id]);
  emulator.advanceTime(key, 86_400 + 60);
  await stripe.customers.create({ email: 'new@example.com' });
  const listed = await stripe.events.list();
  expect(listed.data.map((event) => event.data.object)).toMatchObject([{ email: 'new@example.com' }]);
  await expect(stripe.events.retrieve(old.id)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing', message: `No such event: '${old.id}'` });
});
