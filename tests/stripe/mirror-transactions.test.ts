// No database transaction may span a Stripe call: on the embedded database one open transaction holds the only
// connection, so a slow Stripe answer inside it would stall every other request. Two checks: every HTTP request
// to Stripe is made while no transaction is open (instrumented), and a DB write issued while Stripe lags on a
// cancel is answered at once (measured). Reading before locking needs a staleness guard: an earlier read
// never replaces a later one.
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { teams } from '@/db/schema';
import { upsertSubscriptionFromStripe } from '@/lib/stripe/mirror/subscriptions';
import * as cancelRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/cancel/route';
import * as resumeRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/resume/route';
import { call } from '../helpers/http';
import { createCustomerRow, createPriceRow, projectParams, projectPath } from '../helpers/catalog';
import { givePayingCard, useStripeEmulator } from '../helpers/stripe';
import { useWebhookBridge } from '../helpers/webhook-bridge';
import { buildWorld, type World } from '../helpers/world';

const emulator = useStripeEmulator();
useWebhookBridge();
let world: World;
let stripe: Stripe;
let secretKey: string;
let db: Database;
let untouched: Database['transaction'];

/**
 * Counts transactions and the Stripe requests issued from inside one. "Inside" is per async context: the
 * wrapped transaction callback runs in its own AsyncLocalStorage context, and a request is flagged only when
 * it starts in such a context (still open). A count of transactions open anywhere in the process would also
 * flag requests made concurrently outside any transaction (a webhook applied while a cancel calls Stripe).
 */
const watch = { transactions: 0, stripeRequests: 0, insideTransaction: [] as string[] };
const inTransaction = new AsyncLocalStorage<{ open: boolean }>();
const onRequest = (message: unknown) => {
  const { request } = message as { request: ClientRequest };
  // The SDK's API calls; the emulator's webhook deliveries to BillStack are not Stripe calls.
  if (!request.path.startsWith('/v1/')) return;
  watch.stripeRequests += 1;
  // The channel publishes synchronously in the caller's async context.
  if (inTransaction.getStore()?.open) watch.insideTransaction.push(`${request.method} ${request.path}`);
};

beforeAll(async () => {
  world = await buildWorld();
  ({ stripe, secretKey } = world.stripeAccount!);
  db = await getDb();
  untouched = db.transaction;
  const transaction = db.transaction.bind(db);
  db.transaction = ((run, config) =>
    transaction(async (tx) => {
      watch.transactions += 1;
      const scope = { open: true };
      try {
        return await inTransaction.run(scope, () => run(tx));
      } finally {
        // Work the callback left running past its end is no longer inside the transaction.
        scope.open = false;
      }
    }, config)) as Database['transaction'];
  subscribe('http.client.request.start', onRequest);
});

afterAll(() => {
  unsubscribe('http.client.request.start', onRequest);
  // The database outlives this file in its worker: later files get it as it was.
  db.transaction = untouched;
});

const act = (route: typeof cancelRoute | typeof resumeRoute, action: 'cancel' | 'resume', id: string, body?: unknown) =>
  call(route.POST, projectPath(world, `/subscriptions/${id}/${action}`), {
    method: 'POST',
    params: projectParams(world, { subscriptionId: id }),
    body,
    headers: world.owner.headers,
  });

async function subscribedCustomer() {
  const customer = await createCustomerRow(world);
  const price = await createPriceRow(world);
  await givePayingCard(stripe, customer.stripeCustomerId);
  const coupon = await stripe.coupons.create({ percent_off: 20, duration: 'forever' });
  const subscription = await stripe.subscriptions.create({
    customer: customer.stripeCustomerId,
    items: [{ price: price.stripePriceId }],
    discounts: [{ coupon: coupon.id }],
  });
  await emulator().idle();
  return { customer, subscription, coupon };
}

describe('Stripe calls and database transactions', () => {
  it('makes no Stripe request while a transaction is open: webhooks, cancel and resume', async () => {
    const { subscription, coupon } = await subscribedCustomer();
    const listed = await db.query.subscriptions.findFirst({ where: (row) => eq(row.stripeSubscriptionId, subscription.id) });
    expect(listed?.status).toBe('active');
    expect((await act(cancelRoute, 'cancel', listed!.id, { atPeriodEnd: true })).status).toBe(200);
    expect((await act(resumeRoute, 'resume', listed!.id)).status).toBe(200);
    await stripe.coupons.del(coupon.id);
    await stripe.subscriptions.update(subscription.id, { metadata: { touched: 'after the coupon was deleted' } });
    expect((await act(cancelRoute, 'cancel', listed!.id, { atPeriodEnd: false })).status).toBe(200);
    await emulator().idle();

    expect(watch.insideTransaction).toEqual([]);
    // The instrument saw both sides: writes in transactions, and Stripe requests.
    expect(watch.transactions).toBeGreaterThan(5);
    expect(watch.stripeRequests).toBeGreaterThan(10);
  });

  it('answers a database write at once while Stripe lags on a cancel', async () => {
    const { subscription } = await subscribedCustomer();
    const row = await db.query.subscriptions.findFirst({ where: (row) => eq(row.stripeSubscriptionId, subscription.id) });
    const delayMs = 1500;
    // The update and the re-read that follows it each take 1.5 s.
    emulator().injectFaults(secretKey, { count: 2, delayMs });
    const started = Date.now();
    const cancel = act(cancelRoute, 'cancel', row!.id, { atPeriodEnd: true });
    let slowest = 0;
    let settled = false;
    void cancel.finally(() => (settled = true));
    while (!settled) {
      const before = Date.now();
      await db.update(teams).set({ name: 'Team A' }).where(eq(teams.id, world.team.id));
      slowest = Math.max(slowest, Date.now() - before);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect((await cancel).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * delayMs);
    // Held behind a transaction waiting on Stripe, the write would take about delayMs.
    expect(slowest).toBeLessThan(delayMs / 3);
  });
});

describe('the staleness guard', () => {
  it('keeps the state of the read that began last, whatever order the writes come in', async () => {
    const { subscription } = await subscribedCustomer();
    const before = await stripe.subscriptions.retrieve(subscription.id, { expand: ['discounts'] });
    await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    const after = await stripe.subscriptions.retrieve(subscription.id, { expand: ['discounts'] });
    await emulator().idle();
    // Reads dated after the webhooks' own, so only these two compete.
    const earlier = new Date(Date.now() + 60_000);
    const later = new Date(Date.now() + 120_000);

    const newer = await upsertSubscriptionFromStripe(db, stripe, world.team.id, after, later);
    expect(newer).toMatchObject({ cancelAtPeriodEnd: true, stripeSyncedAt: later });
    // The earlier read answers late: it is skipped, and the row it would have replaced is returned.
    expect(await upsertSubscriptionFromStripe(db, stripe, world.team.id, before, earlier)).toEqual(newer);
    const row = await db.query.subscriptions.findFirst({ where: (r) => eq(r.stripeSubscriptionId, subscription.id) });
    expect(row).toMatchObject({ cancelAtPeriodEnd: true, stripeSyncedAt: later });
  });
});
