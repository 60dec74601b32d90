import { asc, count, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import * as intakeAtTeamPath from '@/app/api/billstack/webhooks/stripe/[teamId]/route';
import { getDb } from '@/db/client';
import { customers, invoices, stripeEvents, subscriptionHistory, subscriptions } from '@/db/schema';
import { stripeClient } from '@/lib/stripe/client';
import { findConnection, webhookSecretOf } from '@/lib/stripe/connection';
import { drainStripeEvents } from '@/lib/worker';
import { createTeam, signUp, type TestUser } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { connectedTeam as connectedTeamOf, deliver, recordedEvents, sign, storedEvents } from '../helpers/stripe-events';
import { connectTeam, newStripeKey, PAYING_CARD, useStripeEmulator } from '../helpers/stripe';

const emulator = useStripeEmulator();
let owner: TestUser;

beforeAll(async () => {
  owner = await signUp();
});

const connectedTeam = (secretKey: string) => connectedTeamOf(owner, secretKey);

async function storedEventCount(teamId: string) {
  const db = await getDb();
  const [{ n }] = await db.select({ n: count() }).from(stripeEvents).where(eq(stripeEvents.teamId, teamId));
  return n;
}

describe('signature verification', () => {
  let team: { id: string };
  let secret: string;
  const payload = JSON.stringify({ id: 'evt_sig', object: 'event', type: 'customer.created', created: 1, data: { object: { id: 'cus_x', object: 'customer' } } });

  beforeAll(async () => {
    ({ team, secret } = await connectedTeam(newStripeKey()));
  });

  const tampered = payload.replace('cus_x', 'cus_y');
  it.each([
    ['no signature header', payload, () => null, /^Missing Stripe-Signature header$/],
    ['a tampered body', tampered, () => sign(payload, secret), /^Invalid Stripe signature: /],
    ['a wrong secret', payload, () => sign(payload, 'whsec_wrong'), /^Invalid Stripe signature: /],
    ['a stale timestamp', payload, () => sign(payload, secret, Math.floor(Date.now() / 1000) - 301), /^Invalid Stripe signature: .*tolerance/],
    ['garbage', payload, () => 't=1,v1=abc', /^Invalid Stripe signature: /],
  ])('refuses %s with 400, storing nothing', async (_name, body, signature, error) => {
    const res = await deliver(team.id, body, signature());
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: expect.stringMatching(error), code: 'invalid_stripe_signature' });
    expect(await storedEventCount(team.id)).toBe(0);
  });

  it('refuses a team without a Stripe connection, or no team at all, with 400', async () => {
    const unconnected = await createTeam(owner);
    expect(await deliver(unconnected.id, payload, sign(payload, secret))).toMatchObject({
      status: 400,
      body: { error: 'Stripe is not connected for this team', code: 'stripe_not_connected' },
    });
    expect(await deliver('not-a-team', payload, sign(payload, secret))).toMatchObject({
      status: 400,
      body: { error: 'Invalid query field "team": Unknown team', code: 'validation_error', field: 'team' },
    });
  });

  it('still takes deliveries at the URL endpoints were registered with before (the team in the path)', async () => {
    const atTeamPath = (teamId: string, body: string, signature: string) =>
      call(intakeAtTeamPath.POST, `/api/billstack/webhooks/stripe/${teamId}`, {
        method: 'POST',
        params: { teamId },
        rawBody: body,
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      });
    const event = payload.replace('evt_sig', 'evt_at_team_path');
    expect(await atTeamPath(team.id, event, sign(event, secret))).toMatchObject({
      status: 200,
      body: { received: true, eventId: 'evt_at_team_path', status: 'queued' },
    });
    expect((await atTeamPath(team.id, event, sign(event, secret))).body).toMatchObject({ status: 'duplicate' });
    expect(await atTeamPath(team.id, event, sign(event, 'whsec_wrong'))).toMatchObject({ status: 400, body: { code: 'invalid_stripe_signature' } });
    expect(await atTeamPath('not-a-team', event, sign(event, secret))).toMatchObject({ status: 400, body: { error: 'Unknown team', code: 'bad_request' } });
    expect((await storedEvents(team.id)).map((row) => row.stripeEventId)).toEqual(['evt_at_team_path']);
  });

  it("takes a reconnect's new endpoint secret at once, and refuses the old one", async () => {
    const secretKey = newStripeKey();
    const connected = await connectedTeam(secretKey);
    const event = (id: string) => JSON.stringify({ id, object: 'event', type: 'customer.created', created: 1, data: { object: { id: 'cus_x', object: 'customer' } } });
    // Delivered before the reconnect: the intake now holds the connection.
    expect((await deliver(connected.team.id, event('evt_before'), sign(event('evt_before'), connected.secret))).status).toBe(200);
    await connectTeam(owner, connected.team.id, secretKey);
    const renewed = webhookSecretOf((await findConnection(await getDb(), connected.team.id))!);
    expect(renewed).not.toBe(connected.secret);
    expect((await deliver(connected.team.id, event('evt_after'), sign(event('evt_after'), renewed))).body).toMatchObject({ status: 'queued' });
    expect((await deliver(connected.team.id, event('evt_old'), sign(event('evt_old'), connected.secret))).status).toBe(400);
  });

  it('refuses a signed payload that is not a Stripe event', async () => {
    const notAnEvent = JSON.stringify({ hello: 'world' });
    expect(await deliver(team.id, notAnEvent, sign(notAnEvent, secret))).toMatchObject({
      status: 400,
      body: { error: 'Unrecognised Stripe event payload', code: 'bad_request' },
    });
  });
});

describe('duplicated and reordered delivery', () => {
  const secretKey = newStripeKey();
  let stripe: Stripe;
  let events: Stripe.Event[];

  beforeAll(async () => {
    // A whole subscription life, made directly in Stripe while no BillStack team listens; its events are then
    // fed to fresh teams of the same account in many orders.
    stripe = stripeClient(secretKey);
    // Stripe lists the last 30 days of events: record them before each time jump ages them out.
    const recorded = new Map<string, Stripe.Event>();
    const record = async () => {
      for (const event of await recordedEvents(stripe)) recorded.set(event.id, event);
    };
    const customer = await stripe.customers.create({ email: 'reorder@example.com', name: 'Re Order', ...PAYING_CARD });
    const product = await stripe.products.create({ name: 'Pro' });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 2500, currency: 'eur', recurring: { interval: 'month' } });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id, quantity: 2 }] });
    await record();
    emulator().advanceTime(secretKey, 32 * 86_400);
    await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: false });
    await stripe.subscriptions.update(subscription.id, { items: [{ id: (await stripe.subscriptions.retrieve(subscription.id)).items.data[0].id, quantity: 3 }] });
    await record();
    emulator().advanceTime(secretKey, 32 * 86_400);
    await stripe.subscriptions.cancel(subscription.id);
    await record();
    events = [...recorded.values()];
  });

  /** BillStack's rows of a team, without our own ids and clocks: what must not depend on delivery order. */
  async function rowsOf(teamId: string) {
    const db = await getDb();
    const [subscriptionRows, invoiceRows, customerRows, history] = await Promise.all([
      db.select().from(subscriptions).where(eq(subscriptions.teamId, teamId)),
      db.select().from(invoices).where(eq(invoices.teamId, teamId)).orderBy(asc(invoices.stripeInvoiceId)),
      db.select().from(customers).where(eq(customers.teamId, teamId)),
      db.select().from(subscriptionHistory).where(eq(subscriptionHistory.teamId, teamId)).orderBy(asc(subscriptionHistory.occurredAt), asc(subscriptionHistory.stripeEventId)),
    ]);
    return {
      subscriptions: subscriptionRows.map(({ id: _id, teamId: _t, projectId: _p, customerId: _c, updatedAt: _u, stripeSyncedAt: _s, items, ...rest }) => ({
        ...rest,
        items: items.map(({ priceId: _priceId, ...item }) => item),
      })),
      invoices: invoiceRows.map(({ stripeInvoiceId, status, amountPaid, total, currency, periodStart, periodEnd }) => ({
        stripeInvoiceId,
        status,
        amountPaid,
        total,
        currency,
        periodStart,
        periodEnd,
      })),
      customers: customerRows.map(({ email, name, stripeCustomerId, deletedAt }) => ({ email, name, stripeCustomerId, deleted: deletedAt !== null })),
      history: history.map(({ stripeEventId, eventType, occurredAt, status, mrr, cancelAtPeriodEnd, currentPeriodEnd, changedFields }) => ({
        stripeEventId,
        eventType,
        occurredAt,
        status,
        mrr,
        cancelAtPeriodEnd,
        currentPeriodEnd,
        changedFields,
      })),
    };
  }

  function shuffledWithDuplicates(seed: number): Stripe.Event[] {
    let state = seed;
    const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const deliveries = [...events, ...events.filter(() => random() < 0.3)];
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
    }
    return deliveries;
  }

  it('records the life it will replay', () => {
    const types = new Set(events.map((event) => event.type));
    for (const type of ['customer.created', 'customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted', 'invoice.paid']) {
      expect(types).toContain(type);
    }
  });

  // Twenty teams, each connected (with its history import) and fed the whole life: slow on a busy machine.
  it('ends in the same rows, equal to Stripe\'s state, in 20 different orders', async () => {
    let reference: Awaited<ReturnType<typeof rowsOf>> | undefined;
    for (let order = 1; order <= 20; order++) {
      const { team, secret } = await connectedTeam(secretKey);
      for (const event of shuffledWithDuplicates(order)) {
        const payload = JSON.stringify(event);
        const res = await deliver(team.id, payload, sign(payload, secret));
        expect(res.status).toBe(200);
        expect(['queued', 'duplicate']).toContain(res.body.status);
        // Every third order is applied as it arrives, the others from a full queue (events of an object coalesce).
        if (order % 3 === 0) await drainStripeEvents(await getDb(), team.id);
      }
      expect(await storedEventCount(team.id)).toBe(events.length);
      await drainStripeEvents(await getDb(), team.id);
      const rows = await rowsOf(team.id);
      if (reference) expect(rows).toEqual(reference);
      reference ??= rows;
    }

    // The rows are Stripe's state.
    const [subscription] = (await stripe.subscriptions.list({ status: 'all' })).data;
    expect(reference!.subscriptions).toEqual([
      expect.objectContaining({
        stripeSubscriptionId: subscription.id,
        status: 'canceled',
        canceledAt: new Date(subscription.canceled_at! * 1000),
        cancelAtPeriodEnd: false,
        items: [expect.objectContaining({ quantity: 3, unitAmount: 2500, currency: 'eur' })],
      }),
    ]);
    const stripeInvoices = (await stripe.invoices.list({ limit: 100 })).data;
    expect(reference!.invoices.map((invoice) => invoice.stripeInvoiceId)).toEqual(stripeInvoices.map((invoice) => invoice.id).sort());
    // One history row per subscription change, in Stripe's time order.
    const subscriptionEvents = events.filter((event) => event.type.startsWith('customer.subscription.'));
    expect(reference!.history.map((row) => row.stripeEventId).sort()).toEqual(subscriptionEvents.map((event) => event.id).sort());
    expect(reference!.history.map((row) => row.status).at(-1)).toBe('canceled');
    expect(reference!.history.map((row) => row.mrr)).toContain(5000);
    expect(reference!.history.map((row) => row.mrr)).toContain(7500);
  }, 120_000);

  it('answers a redelivery with a receipt that changes nothing, counting it', async () => {
    const { team, secret } = await connectedTeam(secretKey);
    const payload = JSON.stringify(events[0]);
    expect((await deliver(team.id, payload, sign(payload, secret))).body).toEqual({ received: true, eventId: events[0].id, status: 'queued' });
    const again = await deliver(team.id, payload, sign(payload, secret));
    expect(again).toMatchObject({ status: 200, body: { received: true, eventId: events[0].id, status: 'duplicate' } });
    await drainStripeEvents(await getDb(), team.id);
    expect((await deliver(team.id, payload, sign(payload, secret))).body.status).toBe('duplicate');
    expect(await storedEventCount(team.id)).toBe(1);
    const [stored] = await storedEvents(team.id);
    expect(stored).toMatchObject({ status: 'applied', duplicates: 2, attempts: 1 });
  });

  it('keeps an event that fails to apply with its error, backs off, and applies it when due', async () => {
    const { team, secret } = await connectedTeam(secretKey);
    const created = events.find((event) => event.type === 'customer.subscription.created')!;
    const payload = JSON.stringify(created);
    expect((await deliver(team.id, payload, sign(payload, secret))).body.status).toBe('queued');
    emulator().injectFaults(secretKey, { count: 1, status: 500 });
    const db = await getDb();
    await drainStripeEvents(db, team.id);
    const [stored] = await storedEvents(team.id);
    expect(stored).toMatchObject({ status: 'pending', attempts: 1, lockedUntil: null });
    expect(stored.lastError).toBeTruthy();
    // The first retry waits 5 to 10 seconds (10 s with jitter): not due yet, so draining leaves it.
    expect(stored.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(4000);
    expect(stored.nextAttemptAt!.getTime() - Date.now()).toBeLessThanOrEqual(10_000);
    expect(await drainStripeEvents(db, team.id)).toBe(0);

    // Due now: the worker applies it once.
    await db.update(stripeEvents).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(stripeEvents.id, stored.id));
    expect(await drainStripeEvents(db, team.id)).toBe(1);
    const [after] = await storedEvents(team.id);
    expect(after).toMatchObject({ status: 'applied', attempts: 2, lastError: null, nextAttemptAt: null });
    expect(await db.select().from(subscriptions).where(eq(subscriptions.teamId, team.id))).toHaveLength(1);
    // Stripe's own redelivery now finds it applied.
    expect((await deliver(team.id, payload, sign(payload, secret))).body.status).toBe('duplicate');
  });

  it('gives up after the last attempt (the dead letter), and queues it again when Stripe redelivers it', async () => {
    const { team, secret } = await connectedTeam(secretKey);
    const created = events.find((event) => event.type === 'customer.created')!;
    const payload = JSON.stringify(created);
    await deliver(team.id, payload, sign(payload, secret));
    const db = await getDb();
    const [stored] = await storedEvents(team.id);
    // Nine attempts already made: the next failure is the last one allowed.
    await db.update(stripeEvents).set({ attempts: 9 }).where(eq(stripeEvents.id, stored.id));
    emulator().injectFaults(secretKey, { count: 1, status: 500 });
    await drainStripeEvents(db, team.id);
    const [dead] = await storedEvents(team.id);
    expect(dead).toMatchObject({ status: 'failed', attempts: 10, nextAttemptAt: null });
    expect(dead.lastError).toMatch(/injected/);
    expect(await drainStripeEvents(db, team.id)).toBe(0);

    expect((await deliver(team.id, payload, sign(payload, secret))).body).toEqual({ received: true, eventId: created.id, status: 'queued' });
    expect(await drainStripeEvents(db, team.id)).toBe(1);
    expect((await storedEvents(team.id))[0]).toMatchObject({ status: 'applied', duplicates: 1, lastError: null });
    expect(await db.select().from(customers).where(eq(customers.teamId, team.id))).toHaveLength(1);
  });
});
