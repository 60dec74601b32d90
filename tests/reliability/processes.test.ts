// Two production servers on one PostgreSQL database and one Redis, as behind a load balancer: a key's rate
// limit, an Idempotency-Key, a Stripe event's deduplication and a key's revocation hold across both.
import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeClient } from '@/lib/stripe/client';
import { serverApi, type ServerApi } from '../e2e/helpers/api';
import { connectedProject, historyImported, type ConnectedProject } from '../e2e/helpers/stack';
import type { TestServer } from '../e2e/helpers/server';
import { expectRowsMatchStripe } from '../helpers/mirror';
import { deliverEventTo, expectHistoryOncePerEvent, recordedEvents, settled, storedEvents, teamWebhookSecret } from '../helpers/stripe-events';
import { PAYING_CARD } from '../helpers/stripe';
import { expectOneCustomer, postUntilDone, recordFigure, reliabilityServer, untilReady, useEmulator, waitFor } from './helpers';

const rateLimit = 20;
const emulator = useEmulator();
const secretKey = `sk_test_${randomBytes(16).toString('hex')}`;
let stripe: Stripe;
let servers: TestServer[] = [];
let project: ConnectedProject;

beforeAll(async () => {
  stripe = stripeClient(secretKey);
  servers = await Promise.all([0, 1].map(() => reliabilityServer({ env: { API_KEY_RATE_LIMIT: String(rateLimit) } })));
  await Promise.all(servers.map(untilReady));
  project = await connectedProject(servers[0], { team: 'Two Servers Inc', secretKey });
  await historyImported(servers[0], project);
  await emulator().idle();
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

/** A new API key of the project (each key has its own rate limit), with a client on each server. */
async function keyOnBoth(name: string): Promise<{ id: string; clients: ServerApi[] }> {
  const { apiKey, key } = await project.owner.expect(201, 'POST', `/api/billstack/teams/${project.teamId}/api-keys`, { name, projectIds: 'all', scopes: ['*'] });
  return { id: apiKey.id, clients: servers.map((server) => serverApi(server.baseURL, { authorization: `Bearer ${key}` })) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two servers', () => {
  it("hold a key's rate limit together: requests split over both get the limit, not twice it", async () => {
    const { clients } = await keyOnBoth('limited');
    // Each server connects its limiter to Redis on its first keyed request; then the windows empty out.
    for (const client of clients) await client.expect(200, 'GET', `${project.projectPath}/customers`);
    await sleep(2100);
    const seconds = 3;
    const allowed = [0, 0];
    let refused = 0;
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: 8 }, async (_, lane) => {
        for (let i = lane; Date.now() < end; i++) {
          const { status } = await clients[i % 2].request('GET', `${project.projectPath}/customers`);
          if (status === 200) allowed[i % 2]++;
          else if (status === 429) refused++;
          else throw new Error(`unexpected ${status}`);
        }
      }),
    );
    const total = allowed[0] + allowed[1];
    recordFigure('processes', `rate limit ${rateLimit}/s over ${seconds} s on 2 servers: allowed (A + B) / refused`, `${total} (${allowed[0]} + ${allowed[1]}) / ${refused}`);
    expect(allowed[0]).toBeGreaterThan(0);
    expect(allowed[1]).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(total);
    // A sliding window: the limit each second, plus at most one window's worth at the start. Counted per
    // process, twice as many would get through.
    expect(total).toBeGreaterThanOrEqual(rateLimit * seconds * 0.75);
    expect(total).toBeLessThanOrEqual(rateLimit * (seconds + 1));
  });

  it('create one object for one Idempotency-Key sent to both at once', async () => {
    // Stripe lags a little, so that the second request arrives while the first holds the key.
    emulator().injectFaults(secretKey, { count: 6, delayMs: 500 });
    const pairs = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const body = { email: `both-${i}@example.com` };
        const [first, second] = await Promise.all(
          servers.map((server) => postUntilDone(() => serverApi(server.baseURL, { authorization: `Bearer ${project.apiKey}` }), `${project.projectPath}/customers`, body, `both-${i}`)),
        );
        return { body, first: first.result, second: second.result, attempts: first.attempts + second.attempts };
      }),
    );
    for (const { body, first, second } of pairs) {
      expect(first).toMatchObject({ status: 201, body: { customer: { email: body.email } } });
      expect(second).toEqual(first);
      await expectOneCustomer(stripe, project.projectId, body.email);
    }
    recordFigure('processes', 'same Idempotency-Key on both servers at once: objects per key', `1 (${pairs.length} keys, ${pairs.reduce((sum, pair) => sum + pair.attempts, 0)} requests)`);
  });

  it('store and apply once a Stripe event delivered to both (and by Stripe itself)', async () => {
    const secret = await teamWebhookSecret(project.teamId);
    const known = new Set((await storedEvents(project.teamId)).map((row) => row.stripeEventId));
    const customer = await stripe.customers.create({ email: 'twice@example.com', ...PAYING_CARD });
    const product = await stripe.products.create({ name: 'Twice' });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 700, currency: 'usd', recurring: { interval: 'month' } });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await stripe.subscriptions.update(subscription.id, { items: [{ id: subscription.items.data[0].id, quantity: 3 }], proration_behavior: 'none' });
    const events = (await recordedEvents(stripe)).filter((event) => !known.has(event.id));
    const receipts = await Promise.all(
      events.map(async (event) => Promise.all(servers.map((server) => deliverEventTo(server.baseURL, project.teamId, secret, event)))),
    );
    for (const pair of receipts) {
      for (const receipt of pair) expect(receipt).toMatchObject({ status: 200, body: { received: true, status: expect.stringMatching(/^(queued|duplicate)$/) } });
      expect(pair.filter((receipt) => receipt.body.status === 'queued').length).toBeLessThanOrEqual(1);
    }
    await emulator().idle();
    await waitFor(() => settled(project.teamId), 'the events to be applied');

    const rows = (await storedEvents(project.teamId)).filter((row) => !known.has(row.stripeEventId));
    expect(rows.map((row) => row.stripeEventId).sort()).toEqual(events.map((event) => event.id).sort());
    // Three deliveries of each: ours to each server and Stripe's own; one stored row, applied by one claim.
    for (const row of rows) expect(row, row.type).toMatchObject({ status: expect.stringMatching(/^(applied|ignored)$/), attempts: 1, duplicates: 2 });
    await expectRowsMatchStripe({ team: { id: project.teamId }, stripe });
    await expectHistoryOncePerEvent(project.teamId);
    recordFigure('processes', 'events delivered 3 times over 2 servers: stored / applied', `${rows.length} / ${rows.length} (of ${events.length})`);
  });

  it('refuse a key revoked through one server on the other within a second', async () => {
    const { id, clients } = await keyOnBoth('revoked');
    for (const client of clients) await client.expect(200, 'GET', `${project.projectPath}/customers`);
    // A session's state change carries a JSON content type even without a body (the CSRF check).
    const revoked = await project.owner.request('DELETE', `/api/billstack/teams/${project.teamId}/api-keys/${id}`, undefined, { 'content-type': 'application/json' });
    expect(revoked.status).toBe(200);
    const revokedAt = Date.now();
    expect(await clients[0].request('GET', `${project.projectPath}/customers`)).toMatchObject({ status: 401 });
    let refusedAfter = -1;
    while (refusedAfter < 0 && Date.now() - revokedAt < 5000) {
      const { status } = await clients[1].request('GET', `${project.projectPath}/customers`);
      if (status === 401) refusedAfter = Date.now() - revokedAt;
      else await sleep(60);
    }
    recordFigure('processes', 'key revoked on A: refused by B after', `${refusedAfter} ms`);
    expect(refusedAfter).toBeGreaterThanOrEqual(0);
    expect(refusedAfter).toBeLessThan(1000);
  });
});
