// Events in the API version they are read in (https://docs.stripe.com/webhooks/versioning): a webhook endpoint's
// `api_version`, else the account's default. Versions before 2025-03-31.basil have a subscription's
// current_period_start/end at the top level and an invoice's `subscription` instead of `parent`.
import Stripe from 'stripe';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { monthlyPlan, newKey, sdk, startReceiver, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const settings = (key: string, body: object) =>
  fetch(`${emulator.url}/_emulator/settings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

test('webhook endpoints store the api_version they are created with; a malformed one is a 400', async () => {
  const stripe = sdk(emulator, newKey());
  const pinned = await stripe.webhookEndpoints.create({ url: 'https://a.example.com/hooks', enabled_events: ['*'], api_version: '2024-06-20' });
  expect(pinned.api_version).toBe('2024-06-20');
  expect((await stripe.webhookEndpoints.retrieve(pinned.id)).api_version).toBe('2024-06-20');
  const unpinned = await stripe.webhookEndpoints.create({ url: 'https://b.example.com/hooks', enabled_events: ['*'] });
  expect(unpinned.api_version).toBeNull();
  await expect(
    stripe.webhookEndpoints.create({ url: 'https://c.example.com/hooks', enabled_events: ['*'], api_version: 'latest' as Stripe.WebhookEndpointCreateParams.ApiVersion }),
  ).rejects.toMatchObject({ statusCode: 400, param: 'api_version' });
});

test('the account default version is set with /_emulator/settings and must look like a version', async () => {
  const key = newKey();
  expect(await (await settings(key, { apiVersion: '2024-06-20' })).json()).toMatchObject({
    account: emulator.accountId(key),
    settings: { apiVersion: '2024-06-20' },
  });
  const bad = await settings(key, { apiVersion: 'yesterday' });
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({ error: { type: 'invalid_request_error', param: 'apiVersion' } });
});

test('an endpoint pinned to the SDK version gets today’s shape; an unpinned one on an older account default gets the old shape', async () => {
  const key = newKey();
  const stripe = sdk(emulator, key);
  expect((await settings(key, { apiVersion: '2024-06-20' })).status).toBe(200);
  const current = await startReceiver();
  const legacy = await startReceiver();
  const pinned = await stripe.webhookEndpoints.create({ url: current.url, enabled_events: ['*'], api_version: Stripe.API_VERSION as Stripe.WebhookEndpointCreateParams.ApiVersion });
  const unpinned = await stripe.webhookEndpoints.create({ url: legacy.url, enabled_events: ['*'] });

  const { customer, price } = await monthlyPlan(stripe);
  const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
  await emulator.idle();
  const item = subscription.items.data[0];
  const invoiceId = subscription.latest_invoice as string;
  const eventOf = (receiver: typeof current, type: string) => receiver.received.find((r) => r.event.type === type)!;

  // Signed as sent: both verify with their endpoint's secret.
  for (const [receiver, endpoint] of [[current, pinned], [legacy, unpinned]] as const) {
    const { raw, headers } = eventOf(receiver, 'customer.subscription.created');
    expect(stripe.webhooks.constructEvent(raw, String(headers['stripe-signature']), endpoint.secret!).type).toBe('customer.subscription.created');
  }

  const today = eventOf(current, 'customer.subscription.created').event;
  expect(today.api_version).toBe(Stripe.API_VERSION);
  const todaySub = today.data.object as unknown as Record<string, unknown>;
  expect(todaySub).not.toHaveProperty('current_period_start');
  expect((todaySub.items as Stripe.ApiList<Stripe.SubscriptionItem>).data[0]).toMatchObject({
    current_period_start: item.current_period_start,
    current_period_end: item.current_period_end,
  });
  const todayInvoice = eventOf(current, 'invoice.created').event.data.object as unknown as Record<string, unknown>;
  expect(todayInvoice).not.toHaveProperty('subscription');
  expect(todayInvoice).toMatchObject({ id: invoiceId, parent: { subscription_details: { subscription: subscription.id } } });

  const old = eventOf(legacy, 'customer.subscription.created').event;
  expect(old.api_version).toBe('2024-06-20');
  expect(old.id).toBe(today.id);
  const oldSub = old.data.object as unknown as Record<string, unknown>;
  expect(oldSub).toMatchObject({ id: subscription.id, current_period_start: item.current_period_start, current_period_end: item.current_period_end });
  expect((oldSub.items as Stripe.ApiList<Stripe.SubscriptionItem>).data[0]).not.toHaveProperty('current_period_start');
  const oldInvoice = eventOf(legacy, 'invoice.created').event;
  expect(oldInvoice.api_version).toBe('2024-06-20');
  expect(oldInvoice.data.object).toMatchObject({ id: invoiceId, subscription: subscription.id });
  expect(oldInvoice.data.object).not.toHaveProperty('parent');

  // The API lists an event in the version it was created in: the account's default at the time.
  const listed = await stripe.events.retrieve(old.id);
  expect(listed.api_version).toBe('2024-06-20');
  expect(listed.data.object).toMatchObject({ current_period_start: item.current_period_start });
  await Promise.all([current.close(), legacy.close()]);
});
