// A subscription's life as Stripe runs it, seen through BillStack's API with webhooks delivered by the emulator
// shuffled, duplicated and four at a time: dunning to each final action and to recovery, an incomplete first
// payment that expires, a coupon deleted mid-subscription, archived catalog objects and a sync, and events of
// another API version. After each scenario the rows equal Stripe's state.
import { and, asc, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { coupons, prices, products, stripeConnections, stripeEvents, subscriptionHistory } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { webhookUrl } from '@/lib/stripe/connection';
import { drainStripeEvents } from '@/lib/worker';
import * as subscriptionRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/route';
import * as subscriptionsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/route';
import * as syncRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/sync/route';
import { call } from '../helpers/http';
import { createProject, createTeam, signUp, type TestUser } from '../helpers/fixtures';
import { createCustomerRow, createPriceRow, projectParams, projectPath } from '../helpers/catalog';
import { expectRowsMatchStripe } from '../helpers/mirror';
import { connectTeam, givePayingCard, useStripeEmulator } from '../helpers/stripe';
import { useWebhookBridge } from '../helpers/webhook-bridge';

const emulator = useStripeEmulator();
const bridge = useWebhookBridge();
const day = 86_400;
const failingCard = '4000000000000341';
const payingCard = '4242424242424242';
let owner: TestUser;

beforeAll(async () => {
  owner = await signUp();
  emulator().setDeliveryMode({ shuffle: true, duplicates: true, concurrent: 4 });
});

afterAll(() => {
  emulator().setDeliveryMode({ shuffle: false, duplicates: false, concurrent: 1 });
});

/** A team with one project on its own Stripe account (dunning settings and clocks are per account). */
async function account() {
  const team = await createTeam(owner);
  const project = await createProject(owner, team.id);
  const { stripe, secretKey } = await connectTeam(owner, team.id);
  return { owner, team, project, stripe, secretKey };
}
type Account = Awaited<ReturnType<typeof account>>;

async function control(world: Account, path: string, body: unknown) {
  const res = await fetch(`${emulator().url}/_emulator${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${world.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return res.json();
}

async function advance(world: Account, seconds: number) {
  emulator().advanceTime(world.secretKey, seconds);
  await emulator().idle();
}

/** A customer made through the API, paying by card, subscribed to a monthly price of 20.00. */
async function subscribed(world: Account, params: Partial<Stripe.SubscriptionCreateParams> = {}) {
  const customer = await createCustomerRow(world);
  const price = await createPriceRow(world, { unitAmount: 2000, currency: 'usd', interval: 'month' });
  await givePayingCard(world.stripe, customer.stripeCustomerId);
  const inStripe = await world.stripe.subscriptions.create({ customer: customer.stripeCustomerId, items: [{ price: price.stripePriceId }], ...params });
  await emulator().idle();
  return { customer, price, inStripe };
}

async function viewOf(world: Account, stripeSubscriptionId: string) {
  const listed = await call(subscriptionsRoute.GET, projectPath(world, '/subscriptions'), { params: projectParams(world), headers: owner.headers });
  const summary = listed.body.subscriptions.find((s: { stripeSubscriptionId: string }) => s.stripeSubscriptionId === stripeSubscriptionId);
  const res = await call(subscriptionRoute.GET, projectPath(world, `/subscriptions/${summary.id}`), {
    params: projectParams(world, { subscriptionId: summary.id }),
    headers: owner.headers,
  });
  expect(res.status).toBe(200);
  return res.body.subscription;
}

async function history(stripeSubscriptionId: string) {
  const db = await getDb();
  const rows = await db.select().from(subscriptionHistory).orderBy(asc(subscriptionHistory.occurredAt), asc(subscriptionHistory.id));
  const ours = await db.query.subscriptions.findFirst({ where: (row) => eq(row.stripeSubscriptionId, stripeSubscriptionId) });
  return rows.filter((row) => row.subscriptionId === ours?.id).map((row) => ({ status: row.status, mrr: row.mrr, cancellationReason: row.cancellationReason }));
}

async function failedEvents(world: Account) {
  const db = await getDb();
  return db
    .select({ type: stripeEvents.type, lastError: stripeEvents.lastError })
    .from(stripeEvents)
    .where(and(eq(stripeEvents.teamId, world.team.id), eq(stripeEvents.status, 'failed')));
}

/** Renewal fails on the card set to fail; the period is a month, the renewal invoice a draft for an hour. */
async function failRenewal(world: Account, stripeCustomerId: string) {
  await control(world, `/customers/${stripeCustomerId}/card`, { card: failingCard });
  await advance(world, 31 * day + 2 * 3600);
}

describe('dunning', () => {
  it.each([
    ['cancel', 'canceled', 'payment_failed', 0],
    ['unpaid', 'unpaid', null, 0],
    ['past_due', 'past_due', null, 2000],
  ] as const)('after the last failed retry takes the final action %s', async (finalAction, status, reason, finalMrr) => {
    const world = await account();
    await control(world, '/settings', { dunning: { retryDays: [1, 2], finalAction } });
    const { customer, inStripe } = await subscribed(world);
    await failRenewal(world, customer.stripeCustomerId);
    expect((await viewOf(world, inStripe.id)).status).toBe('past_due');
    await advance(world, 1 * day + 3600);
    expect((await viewOf(world, inStripe.id)).status).toBe('past_due');
    await advance(world, 2 * day + 3600);

    const view = await viewOf(world, inStripe.id);
    expect(view).toMatchObject({ status, cancellationReason: reason });
    const states = await history(inStripe.id);
    // past_due still counts in MRR: only the final action changes it.
    expect(states.filter((state) => state.status === 'past_due').map((state) => state.mrr)).toContain(2000);
    expect(states.at(-1)).toEqual({ status, mrr: finalMrr, cancellationReason: reason });
    expect(await failedEvents(world)).toEqual([]);
    await expectRowsMatchStripe(world);
  });

  it('recovers when the card is fixed: the next retry pays and the subscription is active again', async () => {
    const world = await account();
    await control(world, '/settings', { dunning: { retryDays: [1, 2], finalAction: 'cancel' } });
    const { customer, inStripe } = await subscribed(world);
    await failRenewal(world, customer.stripeCustomerId);
    expect((await viewOf(world, inStripe.id)).status).toBe('past_due');
    await control(world, `/customers/${customer.stripeCustomerId}/card`, { card: payingCard });
    await advance(world, 1 * day + 3600);

    expect(await viewOf(world, inStripe.id)).toMatchObject({ status: 'active', cancellationReason: null });
    // Created; the period rolled over; the renewal failed; the retry paid.
    expect((await history(inStripe.id)).map((state) => state.status)).toEqual(['active', 'active', 'past_due', 'active']);
    const [renewal] = (await world.stripe.invoices.list({ subscription: inStripe.id, limit: 1 })).data;
    expect(renewal).toMatchObject({ status: 'paid', billing_reason: 'subscription_cycle', amount_paid: 2000 });
    expect(await failedEvents(world)).toEqual([]);
    await expectRowsMatchStripe(world);
  });
});

describe('incomplete first payment', () => {
  it('is incomplete without a card, never in MRR, and expires after 23 hours', async () => {
    const world = await account();
    const customer = await createCustomerRow(world);
    const price = await createPriceRow(world, { unitAmount: 2000, currency: 'usd', interval: 'month' });
    const inStripe = await world.stripe.subscriptions.create({ customer: customer.stripeCustomerId, items: [{ price: price.stripePriceId }] });
    await emulator().idle();
    expect(inStripe.status).toBe('incomplete');
    expect((await viewOf(world, inStripe.id)).status).toBe('incomplete');
    await advance(world, 23 * 3600 + 60);

    expect((await viewOf(world, inStripe.id)).status).toBe('incomplete_expired');
    expect(await history(inStripe.id)).toEqual([
      { status: 'incomplete', mrr: 0, cancellationReason: null },
      { status: 'incomplete_expired', mrr: 0, cancellationReason: null },
    ]);
    expect(await failedEvents(world)).toEqual([]);
    await expectRowsMatchStripe(world);
  });
});

describe('a coupon deleted mid-subscription', () => {
  it('keeps the discount and applies every later event of the subscription', async () => {
    const world = await account();
    const coupon = await world.stripe.coupons.create({ percent_off: 25, duration: 'forever' });
    const { inStripe } = await subscribed(world, { discounts: [{ coupon: coupon.id }] });
    await world.stripe.coupons.del(coupon.id);
    await world.stripe.subscriptions.update(inStripe.id, { items: [{ id: inStripe.items.data[0].id, quantity: 2 }], proration_behavior: 'none' });
    await emulator().idle();
    await advance(world, 31 * day + 2 * 3600);

    const db = await getDb();
    const row = await db.query.subscriptions.findFirst({ where: (r) => eq(r.stripeSubscriptionId, inStripe.id) });
    expect(row?.discounts.map(({ couponId, percentOff }) => ({ couponId, percentOff }))).toEqual([{ couponId: coupon.id, percentOff: 25 }]);
    // 2 × 20.00 less 25 %.
    expect((await history(inStripe.id)).at(-1)).toEqual({ status: 'active', mrr: 3000, cancellationReason: null });
    const [renewal] = (await world.stripe.invoices.list({ subscription: inStripe.id, limit: 1 })).data;
    expect(renewal).toMatchObject({ status: 'paid', amount_paid: 3000 });
    expect(await failedEvents(world)).toEqual([]);
    await expectRowsMatchStripe(world);
  });

  it('records a discount whose coupon neither BillStack nor Stripe knows any more as present, terms unknown', async () => {
    const world = await account();
    const coupon = await world.stripe.coupons.create({ percent_off: 25, duration: 'forever' });
    const { inStripe } = await subscribed(world, { discounts: [{ coupon: coupon.id }] });
    await world.stripe.coupons.del(coupon.id);
    await emulator().idle();
    // As for an account whose coupon events BillStack never received: Stripe answers 404 for the coupon.
    const db = await getDb();
    await db.delete(coupons).where(eq(coupons.teamId, world.team.id));
    await world.stripe.subscriptions.update(inStripe.id, { metadata: { note: 'after the coupon was deleted' } });
    await emulator().idle();

    const row = await db.query.subscriptions.findFirst({ where: (r) => eq(r.stripeSubscriptionId, inStripe.id) });
    expect(row?.discounts.map(({ couponId, percentOff, amountOff, duration }) => ({ couponId, percentOff, amountOff, duration }))).toEqual([
      { couponId: coupon.id, percentOff: null, amountOff: null, duration: 'unknown' },
    ]);
    expect(await failedEvents(world)).toEqual([]);
    await expectRowsMatchStripe(world);
  });
});

describe('sync', () => {
  it('marks a price and a product archived in Stripe inactive, though Stripe lists only active ones', async () => {
    const world = await account();
    const price = await createPriceRow(world);
    await world.stripe.prices.update(price.stripePriceId, { active: false });
    const product = await world.stripe.products.retrieve((await world.stripe.prices.retrieve(price.stripePriceId)).product as string);
    await world.stripe.products.update(product.id, { active: false });
    await emulator().idle();
    // As if both webhooks had been missed: the sync alone must bring the rows back to Stripe's state.
    const db = await getDb();
    await db.update(prices).set({ active: true }).where(eq(prices.id, price.id));
    await db.update(products).set({ active: true }).where(eq(products.id, price.productId));
    expect((await world.stripe.prices.list({ limit: 100 })).data.map((listed) => listed.id)).not.toContain(price.stripePriceId);

    const res = await call(syncRoute.POST, projectPath(world, '/sync'), { method: 'POST', params: projectParams(world), headers: owner.headers });
    expect(res.status).toBe(200);
    expect(res.body.sync).toMatchObject({ products: { updated: 1 }, prices: { updated: 1 } });
    expect(await db.query.prices.findFirst({ where: (row) => eq(row.id, price.id) })).toMatchObject({ active: false });
    expect(await db.query.products.findFirst({ where: (row) => eq(row.id, price.productId) })).toMatchObject({ active: false });
  });
});

describe('API versions', () => {
  it('pins the endpoint; refuses events of another version as failed for good; a reconnect re-pins', async () => {
    const world = await account();
    // The account's default version is older than the SDK's: only the pinned endpoint gets the SDK's shapes.
    await control(world, '/settings', { apiVersion: '2024-06-20' });
    const [pinned] = (await world.stripe.webhookEndpoints.list()).data;
    expect(pinned.api_version).toBe(Stripe.API_VERSION);
    const first = await subscribed(world);
    expect(await failedEvents(world)).toEqual([]);
    await expectRowsMatchStripe(world);

    // A connection made before pinning: its endpoint sends events in the account's default version.
    await world.stripe.webhookEndpoints.del(pinned.id);
    const legacy = await world.stripe.webhookEndpoints.create({ url: pinned.url, enabled_events: ['*'] });
    expect(legacy.api_version).toBeNull();
    const db = await getDb();
    await db
      .update(stripeConnections)
      .set({ webhookEndpointId: legacy.id, webhookSecretEncrypted: encryptSecret(legacy.secret!, world.team.id) })
      .where(eq(stripeConnections.teamId, world.team.id));
    await world.stripe.subscriptions.update(first.inStripe.id, { cancel_at_period_end: true });
    await emulator().idle();

    const error = `event api_version 2024-06-20 differs from BillStack's ${Stripe.API_VERSION}; re-pin the endpoint by reconnecting Stripe`;
    expect(await failedEvents(world)).toEqual([{ type: 'customer.subscription.updated', lastError: error }]);
    // Refused for good on each try: only Stripe's redeliveries (this file delivers each event twice) queue it again.
    const [stored] = await db.select().from(stripeEvents).where(and(eq(stripeEvents.teamId, world.team.id), eq(stripeEvents.status, 'failed')));
    expect(stored.attempts).toBeGreaterThanOrEqual(1);
    expect(stored.attempts).toBeLessThanOrEqual(1 + stored.duplicates);
    expect(stored.nextAttemptAt).toBeNull();
    expect(await drainStripeEvents(db, world.team.id)).toBe(0);
    // The misread state was not written: the row still shows the subscription as not cancelling.
    expect((await viewOf(world, first.inStripe.id)).cancelAtPeriodEnd).toBe(false);

    // Reconnecting replaces the legacy endpoint with a pinned one; what changes next is applied.
    await connectTeam(owner, world.team.id, world.secretKey);
    const endpoints = (await world.stripe.webhookEndpoints.list()).data;
    expect(endpoints.map((endpoint) => ({ url: endpoint.url, api_version: endpoint.api_version }))).toEqual([
      { url: webhookUrl(bridge(), world.team.id), api_version: Stripe.API_VERSION },
    ]);
    await world.stripe.subscriptions.update(first.inStripe.id, { metadata: { after: 'reconnect' } });
    await emulator().idle();
    expect((await viewOf(world, first.inStripe.id)).cancelAtPeriodEnd).toBe(true);
    expect(await failedEvents(world)).toHaveLength(1);
    await expectRowsMatchStripe(world);
  });
});
