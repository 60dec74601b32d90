// kill -9 of the production server in the middle of a customer creation, a checkout and a burst of webhook
// deliveries, then a new server on the same PostgreSQL database: an interrupted write is complete or absent, the
// client's retry with its Idempotency-Key makes one object, and every event is applied exactly once.
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { expectRowsMatchStripe } from '../helpers/mirror';
import { expectHistoryOncePerEvent, recordedEvents, settled, storedEvents } from '../helpers/stripe-events';
import { PAYING_CARD } from '../helpers/stripe';
import { crashAndRestart, customerRows, expectOneCustomer, postUntilDone, recordFigure, useReliabilityProject, waitFor } from './helpers';

const world = useReliabilityProject('Crash Inc');

const { api } = world;
const writes = () => world.emulator.requestCounts(world.secretKey).writes;

async function restartAfterCrash(what: string) {
  const restarted = await crashAndRestart(world.server);
  world.server = restarted.server;
  recordFigure('crash', `ready again after kill -9 (${what})`, `${restarted.recoveredMs} ms`);
}

describe('kill -9', () => {
  it('during a customer creation whose Stripe call lags: complete or absent, and the retry makes one customer', async () => {
    const email = 'crash-create@example.com';
    const body = { email, name: 'Crash Create' };
    const key = 'crash-create';
    const before = writes();
    world.emulator.injectFaults(world.secretKey, { count: 1, delayMs: 1500, request: 'POST /v1/customers' });
    const lost = api().request('POST', `${world.project.projectPath}/customers`, body, { 'idempotency-key': key }).catch(() => null);
    await waitFor(() => writes() > before, "Stripe's customer create to arrive");
    await restartAfterCrash('customer creation');
    expect(await lost).toBeNull();

    // Absent, or complete: a row always points at the Stripe customer tagged with it.
    const rows = await customerRows(world.project.projectId, email);
    expect(rows.length).toBeLessThanOrEqual(1);
    for (const row of rows) expect((await world.stripe.customers.retrieve(row.stripeCustomerId)) as Stripe.Customer).toMatchObject({ email, metadata: { billstack_id: row.id } });
    recordFigure('crash', 'the killed customer creation at the restart', rows.length === 1 ? 'complete' : 'absent');

    const { result, attempts } = await postUntilDone(api, `${world.project.projectPath}/customers`, body, key);
    expect(result).toMatchObject({ status: 201, body: { customer: { email, name: 'Crash Create' } } });
    const inStripe = await expectOneCustomer(world.stripe, world.project.projectId, email);
    expect(result.body.customer).toMatchObject({ stripeCustomerId: inStripe.id, id: inStripe.metadata.billstack_id });
    expect(await api().request('POST', `${world.project.projectPath}/customers`, body, { 'idempotency-key': key })).toEqual(result);
    recordFigure('crash', 'attempts until the retried customer creation answered', String(attempts));
  });

  it('during a checkout: the retry gets one session for one customer, which then subscribes', async () => {
    const { product } = await api().expect(201, 'POST', `${world.project.projectPath}/products`, { name: 'Crash plan' });
    const { price } = await api().expect(201, 'POST', `${world.project.projectPath}/products/${product.id}/prices`, { unitAmount: 1900, currency: 'usd', interval: 'month' });
    await world.emulator.idle();
    const email = 'crash-checkout@example.com';
    const body = { customerEmail: email, priceId: price.id, successUrl: `${world.server.baseURL}/api/health`, cancelUrl: `${world.server.baseURL}/api/health` };
    const key = 'crash-checkout';
    const before = writes();
    // The session's create lags, and only it: the kill lands while Stripe makes the session. (A lag on the next
    // calls of the account could be taken by the worker reading the customer the checkout created, leaving the
    // session fast enough to be answered before the kill.) The emulator runs in this process: the poll below
    // sees the create arrive, and kills, before the lag's timer can fire.
    world.emulator.injectFaults(world.secretKey, { count: 1, delayMs: 1500, request: 'POST /v1/checkout/sessions' });
    const lost = api().request('POST', `${world.project.projectPath}/checkout`, body, { 'idempotency-key': key }).catch(() => null);
    // The checkout's two writes: the customer's create, then the session's.
    await waitFor(() => writes() >= before + 2, "Stripe's checkout session create to arrive");
    await restartAfterCrash('checkout');
    expect(await lost).toBeNull();
    expect((await customerRows(world.project.projectId, email)).length).toBeLessThanOrEqual(1);

    const { result } = await postUntilDone(api, `${world.project.projectPath}/checkout`, body, key);
    expect(result).toMatchObject({ status: 201, body: { checkout: { id: expect.stringMatching(/^cs_/) } } });
    const customer = await expectOneCustomer(world.stripe, world.project.projectId, email);
    const sessions = (await world.stripe.checkout.sessions.list({ customer: customer.id })).data;
    expect(sessions.map((session) => session.id)).toEqual([result.body.checkout.id]);

    const paid = await fetch(`${result.body.checkout.url}/pay`, { method: 'POST', body: new URLSearchParams({ card: '4242424242424242' }), redirect: 'manual' });
    expect(paid.status).toBe(303);
    await world.emulator.idle();
    await waitFor(() => settled(world.project.teamId), 'the checkout events to be applied');
    const [subscription] = (await world.stripe.subscriptions.list({ customer: customer.id })).data;
    const { subscriptions } = await api().expect(200, 'GET', `${world.project.projectPath}/subscriptions`);
    expect(subscriptions.filter((row: { stripeSubscriptionId: string }) => row.stripeSubscriptionId === subscription.id)).toHaveLength(1);
  });

  it('during a burst of webhook deliveries: every event is stored and applied once after the restart', async () => {
    // Several deliveries in flight at once, and the worker's Stripe reads lagging: at the kill, events are
    // being delivered, queued and applied.
    world.emulator.setDeliveryMode({ concurrent: 4 });
    world.emulator.injectFaults(world.secretKey, { count: 12, delayMs: 400 });
    const known = new Set((await storedEvents(world.project.teamId)).map((row) => row.stripeEventId));
    const ofBurst = async () => (await storedEvents(world.project.teamId)).filter((row) => !known.has(row.stripeEventId));
    const burst = (async () => {
      for (let i = 0; i < 6; i++) await world.stripe.customers.create({ email: `burst-${i}@example.com`, name: `Burst ${i}` });
      const customer = await world.stripe.customers.create({ email: 'burst-payer@example.com', ...PAYING_CARD });
      const product = await world.stripe.products.create({ name: 'Burst' });
      const price = await world.stripe.prices.create({ product: product.id, unit_amount: 900, currency: 'usd', recurring: { interval: 'month' } });
      const subscription = await world.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
      for (let quantity = 2; quantity <= 5; quantity++) {
        await world.stripe.subscriptions.update(subscription.id, { items: [{ id: subscription.items.data[0].id, quantity }], proration_behavior: 'none' });
      }
    })();
    await waitFor(async () => (await ofBurst()).length >= 4, 'the first deliveries of the burst');
    const atKill = await ofBurst();
    await restartAfterCrash('webhook burst');
    await burst;
    await world.emulator.idle();
    const applyStarted = Date.now();
    await waitFor(() => settled(world.project.teamId), 'every event to be applied', 60_000);

    const events = await recordedEvents(world.stripe);
    const rows = await storedEvents(world.project.teamId);
    expect(rows.map((row) => row.stripeEventId).sort()).toEqual(events.map((event) => event.id).sort());
    for (const row of rows) expect(row, row.type).toMatchObject({ status: expect.stringMatching(/^(applied|ignored)$/), lockedUntil: null });
    // A claim the killed world.server held is taken again once its lease is out: a second attempt, never a third.
    expect(rows.every((row) => row.attempts <= 2)).toBe(true);
    await expectRowsMatchStripe({ team: { id: world.project.teamId }, stripe: world.stripe });
    await expectHistoryOncePerEvent(world.project.teamId);
    for (let i = 0; i < 6; i++) await expectOneCustomer(world.stripe, world.project.projectId, `burst-${i}@example.com`);

    const count = (status: string) => atKill.filter((row) => row.status === status).length;
    recordFigure('crash', 'burst: events stored / mid-apply / applied at the kill', `${atKill.length} / ${count('processing')} / ${count('applied') + count('ignored')}`);
    recordFigure('crash', 'burst: events applied once after the restart (all of the account)', `${rows.length} (${rows.filter((row) => row.attempts === 2).length} re-claimed)`);
    recordFigure('crash', 'burst: from deliveries done to every event applied', `${Date.now() - applyStarted} ms`);
  });
});
