// Stripe misbehaving for a while: answering 500, 429 with Retry-After, lagging, and lagging past the client's
// timeout, first during API writes, then while the worker applies webhook events. Afterwards: every object once
// in Stripe and once here, no row without its Stripe object, every event applied exactly once, rows equal to
// Stripe's state. (Redis going away is tested in tests/services: API rate limits fail open, sign-in closed.)
import { beforeAll, describe, expect, it } from 'vitest';
import type { FaultSpec } from '@/stripe-emulator/server';
import { expectRowsMatchStripe } from '../helpers/mirror';
import { deliverEventTo, expectHistoryOncePerEvent, recordedEvents, settled, storedEvents, teamWebhookSecret } from '../helpers/stripe-events';
import { PAYING_CARD } from '../helpers/stripe';
import { expectCustomersMatchStripe, expectOneCustomer, postUntilDone, recordFigure, useReliabilityProject, waitFor } from './helpers';

const world = useReliabilityProject('Faults Inc');

beforeAll(async () => {
  // The test delivers the account's events itself, each batch while a given fault is in play.
  const [endpoint] = (await world.stripe.webhookEndpoints.list()).data;
  await world.stripe.webhookEndpoints.update(endpoint.id, { disabled: true });
});

/** Customers created through the API by a client retrying each with its Idempotency-Key, while `fault` is in play. */
async function createCustomersUnder(label: string, fault: FaultSpec, count: number) {
  world.emulator.injectFaults(world.secretKey, fault);
  const emails = Array.from({ length: count }, (_, i) => `${label}-${i}@example.com`);
  const started = Date.now();
  const outcomes = await Promise.all(
    emails.map((email) => postUntilDone(world.api, `${world.project.projectPath}/customers`, { email }, `${label}-${email}`)),
  );
  for (const { result } of outcomes) expect(result).toMatchObject({ status: 201 });
  for (const email of emails) await expectOneCustomer(world.stripe, world.project.projectId, email);
  recordFigure('faults', `API writes under ${label}: requests per customer (max), time`, `${mostAttempts(outcomes)}, ${Date.now() - started} ms`);
  return outcomes;
}

const mostAttempts = (outcomes: { attempts: number }[]) => Math.max(...outcomes.map((outcome) => outcome.attempts));

describe('Stripe faults', () => {
  it('during API writes: each customer exists once, here and in Stripe', async () => {
    expect(mostAttempts(await createCustomersUnder('500s', { count: 3, status: 500 }, 3))).toBeGreaterThan(1);
    expect(mostAttempts(await createCustomersUnder('429s', { count: 3, status: 429, retryAfter: 1 }, 3))).toBeGreaterThan(1);
    await createCustomersUnder('lag', { count: 3, delayMs: 2000 }, 3);
    // Past the SDK's 10 s timeout: Stripe creates the customer after BillStack gave up on the call (a 502 saying
    // so); the retry meets Stripe's idempotency (in progress, then the replay) and writes the same customer.
    const [timedOut] = await createCustomersUnder('timeout', { count: 1, delayMs: 11_000 }, 1);
    expect(timedOut.answers[0]).toMatchObject({ status: 502, body: { error: expect.stringMatching(/did not answer in time and may have done the request/) } });
    expect(timedOut.attempts).toBeGreaterThan(1);
    await expectCustomersMatchStripe(world.stripe, world.project.projectId);
  });

  it('while webhooks are applied: every event applied once, rows equal to Stripe', async () => {
    const customer = await world.stripe.customers.create({ email: 'faults-payer@example.com', ...PAYING_CARD });
    const product = await world.stripe.products.create({ name: 'Faults' });
    const price = await world.stripe.prices.create({ product: product.id, unit_amount: 1100, currency: 'usd', recurring: { interval: 'month' } });
    const subscription = await world.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    for (let quantity = 2; quantity <= 4; quantity++) {
      await world.stripe.subscriptions.update(subscription.id, { items: [{ id: subscription.items.data[0].id, quantity }], proration_behavior: 'none' });
    }
    await world.stripe.customers.update(customer.id, { name: 'Faults Payer' });
    const events = await recordedEvents(world.stripe);
    const secret = await teamWebhookSecret(world.project.teamId);
    const third = Math.ceil(events.length / 3);
    const started = Date.now();
    const faults: FaultSpec[] = [
      { count: 3, status: 500 },
      { count: 3, status: 429, retryAfter: 1 },
      { count: 4, delayMs: 1500 },
    ];
    for (const [i, fault] of faults.entries()) {
      // The next batch's fault replaces this one once at least one of the worker's reads has met it.
      const reads = world.emulator.requestCounts(world.secretKey).reads;
      world.emulator.injectFaults(world.secretKey, fault);
      for (const event of events.slice(i * third, (i + 1) * third)) {
        expect(await deliverEventTo(world.server.baseURL, world.project.teamId, secret, event)).toMatchObject({ status: 200, body: { received: true } });
      }
      await waitFor(() => world.emulator.requestCounts(world.secretKey).reads > reads, 'the worker to read Stripe');
    }
    await waitFor(() => settled(world.project.teamId), 'every event to be applied', 60_000);

    const rows = await storedEvents(world.project.teamId);
    expect(rows.map((row) => row.stripeEventId).sort()).toEqual(events.map((event) => event.id).sort());
    for (const row of rows) expect(row, row.type).toMatchObject({ status: expect.stringMatching(/^(applied|ignored)$/), lockedUntil: null });
    await expectRowsMatchStripe({ team: { id: world.project.teamId }, stripe: world.stripe });
    await expectHistoryOncePerEvent(world.project.teamId);
    await expectCustomersMatchStripe(world.stripe, world.project.projectId);
    const retried = rows.filter((row) => row.attempts > 1).length;
    recordFigure('faults', 'webhooks under 500 / 429 / lag: events applied once (retried)', `${rows.length} (${retried})`);
    recordFigure('faults', 'webhooks under 500 / 429 / lag: until every event applied', `${Date.now() - started} ms`);
  });
});
