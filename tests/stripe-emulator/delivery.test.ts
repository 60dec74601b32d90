// Delivery modes for order-independence tests: concurrent and out-of-order delivery, and Stripe's live-mode
// retry schedule ("up to three days with exponential back off", https://docs.stripe.com/webhooks#retries)
// compressed by `retryScale`. idle() waits for every delivery, retries included.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { STRIPE_RETRY_DELAYS_S } from '@/stripe-emulator/webhooks';
import { newKey, sdk, startReceiver, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterEach(() => {
  emulator.setDeliveryMode({ duplicates: false, shuffle: false, concurrent: 1, retryScale: null });
});
afterAll(() => emulator.close());

/** An endpoint that holds each delivery `holdMs` before answering 200, counting how many it holds at once. */
async function slowReceiver(holdMs: number) {
  let inFlight = 0;
  let maxInFlight = 0;
  const ids: string[] = [];
  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      setTimeout(() => {
        ids.push((JSON.parse(Buffer.concat(chunks).toString()) as { id: string }).id);
        inFlight--;
        res.writeHead(200).end();
      }, holdMs),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    ids,
    maxInFlight: () => maxInFlight,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('Stripe’s schedule: 12 retries doubling from a minute, within 3 days', () => {
  expect(STRIPE_RETRY_DELAYS_S).toEqual([60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 30720, 61440, 122880]);
  const total = STRIPE_RETRY_DELAYS_S.reduce((sum, s) => sum + s, 0);
  expect(total).toBe(245_700);
  expect(total).toBeLessThanOrEqual(3 * 86_400);
});

test('concurrent mode keeps up to n deliveries in flight per endpoint; idle() waits for all of them', async () => {
  const receiver = await slowReceiver(150);
  const stripe = sdk(emulator, newKey());
  await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['customer.created'] });
  expect(emulator.setDeliveryMode({ concurrent: 3 })).toEqual({ duplicates: false, shuffle: false, concurrent: 3, retryScale: null });
  const created = [];
  for (let i = 0; i < 7; i++) created.push(await stripe.customers.create({ email: `c${i}@example.com` }));
  await emulator.idle();
  expect(receiver.ids).toHaveLength(7);
  expect(new Set(receiver.ids).size).toBe(7);
  expect(receiver.maxInFlight()).toBe(3);
  const events = (await stripe.events.list()).data;
  expect(events.map((event) => event.pending_webhooks)).toEqual(Array(7).fill(0));
  await receiver.close();
});

test('in the default mode an endpoint gets one delivery at a time, in order', async () => {
  const receiver = await slowReceiver(30);
  const stripe = sdk(emulator, newKey());
  await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['customer.created'] });
  for (let i = 0; i < 4; i++) await stripe.customers.create({ email: `o${i}@example.com` });
  await emulator.idle();
  expect(receiver.maxInFlight()).toBe(1);
  expect(receiver.ids).toEqual((await stripe.events.list()).data.map((event) => event.id).reverse());
  await receiver.close();
});

test('retryScale retries on Stripe’s schedule, compressed; a dead endpoint is given up on after 12 retries', async () => {
  const flaky = await startReceiver({ failFirst: 3 });
  const dead = await startReceiver({ failFirst: 1000 });
  const key = newKey();
  const stripe = sdk(emulator, key);
  await stripe.webhookEndpoints.create({ url: flaky.url, enabled_events: ['customer.created'] });
  await stripe.webhookEndpoints.create({ url: dead.url, enabled_events: ['customer.created'] });
  const res = await fetch(`${emulator.url}/_emulator/webhooks/mode`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ retryScale: 0.00001, shuffle: true, duplicates: false, concurrent: 2 }),
  });
  expect(await res.json()).toEqual({ mode: { duplicates: false, shuffle: true, concurrent: 2, retryScale: 0.00001 } });
  const started = Date.now();
  await stripe.customers.create({ email: 'retry@example.com' });
  await emulator.idle();
  const elapsed = Date.now() - started;
  expect(flaky.attempts()).toBe(4);
  expect(flaky.types()).toEqual(['customer.created']);
  expect(dead.attempts()).toBe(13);
  // 245,700 s of back-off at 1e-5 is 2.46 s.
  expect(elapsed).toBeGreaterThanOrEqual(2457);
  expect(elapsed).toBeLessThan(6000);
  expect((await stripe.events.list()).data[0].pending_webhooks).toBe(1);
  await Promise.all([flaky.close(), dead.close()]);
});
