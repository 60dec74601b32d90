// Webhook endpoints, events and delivery: signatures the SDK verifies, retries, duplicates, shuffling.
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { signatureHeader } from '@/stripe-emulator/webhooks';
import { expectStripeShape, newKey, sdk, startReceiver, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterEach(() => {
  emulator.setDeliveryMode({ duplicates: false, shuffle: false });
});
afterAll(() => emulator.close());

describe('webhook endpoints', () => {
  test('CRUD; the secret is shown on create only', async () => {
    const stripe = sdk(emulator, newKey());
    const created = await stripe.webhookEndpoints.create({
      url: 'https://app.example.com/hooks',
      enabled_events: ['customer.created'],
      description: 'app',
    });
    expectStripeShape(created, 'webhook_endpoint');
    expect(created.secret).toMatch(/^whsec_\w{32}$/);
    const fetched = await stripe.webhookEndpoints.retrieve(created.id);
    expect(fetched.secret).toBeUndefined();
    const updated = await stripe.webhookEndpoints.update(created.id, { enabled_events: ['*'], disabled: true });
    expect(updated).toMatchObject({ enabled_events: ['*'], status: 'disabled' });
    expect((await stripe.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([created.id]);
    expect(await stripe.webhookEndpoints.del(created.id)).toMatchObject({ id: created.id, deleted: true });
    await expect(stripe.webhookEndpoints.retrieve(created.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  test('url and enabled_events are required', async () => {
    const stripe = sdk(emulator, newKey());
    await expect(stripe.webhookEndpoints.create({ url: 'https://x.example.com', enabled_events: [] })).rejects.toMatchObject({
      statusCode: 400,
      param: 'enabled_events',
    });
  });
});

describe('events', () => {
  test('retrieve and list newest first, filtered by type, with previous_attributes on updates', async () => {
    const stripe = sdk(emulator, newKey());
    const customer = await stripe.customers.create({ email: 'old@example.com' });
    await stripe.customers.update(customer.id, { email: 'new@example.com', metadata: { plan: 'pro' } });
    const all = await stripe.events.list();
    expect(all.data.map((e) => e.type)).toEqual(['customer.updated', 'customer.created']);
    const updated = all.data[0];
    expectStripeShape(updated, 'event');
    expect(updated).toMatchObject({
      api_version: Stripe.API_VERSION,
      livemode: false,
      data: {
        object: { id: customer.id, email: 'new@example.com' },
        previous_attributes: { email: 'old@example.com', metadata: {} },
      },
      request: { id: expect.stringMatching(/^req_/) },
    });
    const filtered = await stripe.events.list({ type: 'customer.created' });
    expect(filtered.data).toHaveLength(1);
    expect((await stripe.events.retrieve(updated.id)).id).toBe(updated.id);
  });
});

describe('delivery', () => {
  test('deliveries are signed so constructEvent accepts them and rejects tampering, wrong secrets and stale timestamps', async () => {
    const receiver = await startReceiver();
    const stripe = sdk(emulator, newKey());
    const endpoint = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['customer.created'] });
    const customer = await stripe.customers.create({ email: 'hook@example.com' });
    await stripe.products.create({ name: 'not subscribed to' });
    await emulator.idle();
    expect(receiver.types()).toEqual(['customer.created']);
    const [{ raw, headers }] = receiver.received;
    const header = String(headers['stripe-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = stripe.webhooks.constructEvent(raw, header, endpoint.secret!);
    expect(event).toMatchObject({ type: 'customer.created', data: { object: { id: customer.id } } });

    expect(() => stripe.webhooks.constructEvent(raw.replace('hook@', 'evil@'), header, endpoint.secret!)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => stripe.webhooks.constructEvent(raw, header, 'whsec_wrong')).toThrow(Stripe.errors.StripeSignatureVerificationError);
    const stale = signatureHeader(raw, endpoint.secret!, Math.floor(Date.now() / 1000) - 600);
    expect(() => stripe.webhooks.constructEvent(raw, stale, endpoint.secret!)).toThrow(/Timestamp outside the tolerance zone/);
    await receiver.close();
  });

  test('non-2xx answers are retried with backoff until they succeed', async () => {
    const receiver = await startReceiver({ failFirst: 2 });
    const stripe = sdk(emulator, newKey());
    await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
    const customer = await stripe.customers.create({ email: 'retry@example.com' });
    await emulator.idle();
    expect(receiver.attempts()).toBe(3);
    expect(receiver.types()).toEqual(['customer.created']);
    const event = (await stripe.events.list()).data[0];
    expect(event).toMatchObject({ pending_webhooks: 0, data: { object: { id: customer.id } } });
    await receiver.close();
  });

  test('a dead endpoint is given up on after the configured retries; the API never waits for it', async () => {
    const stripe = sdk(emulator, newKey());
    await stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/unreachable', enabled_events: ['*'] });
    const started = Date.now();
    await stripe.customers.create({ email: 'dead@example.com' });
    expect(Date.now() - started).toBeLessThan(200);
    await emulator.idle();
    expect((await stripe.events.list()).data[0].pending_webhooks).toBe(1);
  });

  test('duplicates mode delivers every event twice', async () => {
    const receiver = await startReceiver();
    const stripe = sdk(emulator, newKey());
    await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
    emulator.setDeliveryMode({ duplicates: true });
    await stripe.customers.create({ email: 'twice@example.com' });
    await emulator.idle();
    expect(receiver.types()).toEqual(['customer.created', 'customer.created']);
    expect(receiver.received[0].event.id).toBe(receiver.received[1].event.id);
    await receiver.close();
  });

  test('shuffle mode (set over HTTP) delivers one burst out of order; flush waits for the queue', async () => {
    const receiver = await startReceiver();
    const key = newKey();
    const stripe = sdk(emulator, key);
    await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
    const control = (path: string, body: object = {}) =>
      fetch(`${emulator.url}/_emulator/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await control('webhooks/mode', { shuffle: true })).status).toBe(200);
    const product = await stripe.products.create({ name: 'Burst' });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 100, currency: 'usd', recurring: { interval: 'month' } });
    const customer = await stripe.customers.create({
      email: 'burst@example.com',
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    expect(await (await control('webhooks/flush')).json()).toEqual({ idle: true });
    const burst = receiver.types().slice(-8);
    const happened = [
      'customer.subscription.created',
      'invoice.created',
      'invoice.finalized',
      // The first invoice's payment: its PaymentIntent, Charge and InvoicePayment come before invoice.paid.
      'payment_intent.succeeded',
      'charge.succeeded',
      'invoice_payment.paid',
      'invoice.paid',
      'invoice.payment_succeeded',
    ];
    expect([...burst].sort()).toEqual([...happened].sort());
    expect(burst).not.toEqual(happened);
    await receiver.close();
  });
});
