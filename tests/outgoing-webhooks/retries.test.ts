// The delivery queue: retries on the schedule, the endpoint disabled after failing throughout, redelivery,
// timeouts, short excerpts, subscriptions filtering events, and concurrent workers never sending twice.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { deliverDueWebhooks, excerptLength } from '@/lib/outgoing-webhooks/delivery';
import * as endpointRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/[endpointId]/route';
import * as deliveriesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/[endpointId]/deliveries/route';
import * as redeliverRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/[endpointId]/deliveries/[deliveryId]/redeliver/route';
import { call } from '../helpers/http';
import { createProject } from '../helpers/fixtures';
import { createCustomerRow, projectParams, projectPath } from '../helpers/catalog';
import { useOwnDatabase } from '../helpers/own-database';
import { useStripeEmulator } from '../helpers/stripe';
import { buildWorld, type World } from '../helpers/world';
import { createWebhookEndpoint } from './fixtures';
import { drain, useReceiver } from './receiver';

// On PostgreSQL, draining the delivery queue sends every due delivery of the database: the file gets its own.
useOwnDatabase();
useStripeEmulator();
const receiver = useReceiver();
let world: World;
const quick = { retryDelaysMs: [0, 0] };

beforeAll(async () => {
  world = await buildWorld();
});

/** A project of its own with one endpoint on the receiver, so no other test's events reach it. */
async function setUp(events: string[] = ['*']) {
  const project = await createProject(world.owner, world.team.id);
  const ref = { owner: world.owner, team: world.team, project };
  const { webhookEndpoint, secret } = await createWebhookEndpoint(ref, { url: receiver().url, events });
  receiver().answer = 200;
  return { ref, endpointId: webhookEndpoint.id, secret };
}
type Setup = Awaited<ReturnType<typeof setUp>>;

async function deliveries({ ref, endpointId }: Setup) {
  const res = await call(deliveriesRoute.GET, projectPath(ref, `/webhook-endpoints/${endpointId}/deliveries`), {
    params: projectParams(ref, { endpointId }),
    headers: ref.owner.headers,
  });
  expect(res.status).toBe(200);
  return res.body as { deliveries: Record<string, any>[]; total: number };
}
const endpoint = async ({ ref, endpointId }: Setup) =>
  (await call(endpointRoute.GET, projectPath(ref, `/webhook-endpoints/${endpointId}`), { params: projectParams(ref, { endpointId }), headers: ref.owner.headers })).body
    .webhookEndpoint;
const redeliver = ({ ref, endpointId }: Setup, deliveryId: string) =>
  call(redeliverRoute.POST, projectPath(ref, `/webhook-endpoints/${endpointId}/deliveries/${deliveryId}/redeliver`), {
    method: 'POST',
    params: projectParams(ref, { endpointId, deliveryId }),
    headers: ref.owner.headers,
  });

describe('a failing receiver', () => {
  it('is retried on the schedule, then its endpoint is disabled; enabled again, a redelivery goes through', async () => {
    const setup = await setUp();
    receiver().answer = 500;
    receiver().answerBody = 'x'.repeat(5000);
    const since = receiver().requests.length;
    await createCustomerRow(setup.ref);
    expect(await drain(quick)).toBe(3);

    const tries = receiver().requests.slice(since);
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((request) => request.headers['webhook-id'])).size).toBe(1);
    const log = await deliveries(setup);
    expect(log).toEqual({
      total: 1,
      deliveries: [
        {
          id: expect.stringMatching(/^wd_/),
          messageId: tries[0].headers['webhook-id'],
          eventType: 'customer.created',
          status: 'failed',
          responseCode: 500,
          responseExcerpt: 'x'.repeat(excerptLength),
          durationMs: expect.any(Number),
          attempt: 3,
          nextAttemptAt: null,
          createdAt: expect.any(String),
        },
      ],
    });
    expect(await endpoint(setup)).toMatchObject({ enabled: false, disabledReason: 'failing', disabledAt: expect.any(String) });

    // Disabled: new events are not queued for it, and nothing can be redelivered to it.
    await createCustomerRow(setup.ref);
    expect((await deliveries(setup)).total).toBe(1);
    expect(await redeliver(setup, log.deliveries[0].id)).toMatchObject({ status: 409, body: { error: 'Webhook endpoint is disabled; enable it first', code: 'conflict' } });

    const enabled = await call(endpointRoute.PATCH, projectPath(setup.ref, `/webhook-endpoints/${setup.endpointId}`), {
      method: 'PATCH',
      params: projectParams(setup.ref, { endpointId: setup.endpointId }),
      body: { enabled: true },
      headers: world.owner.headers,
    });
    expect(enabled.body.webhookEndpoint).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });
    receiver().answer = 200;
    receiver().answerBody = 'thanks';
    const queued = await redeliver(setup, log.deliveries[0].id);
    expect(queued).toMatchObject({ status: 202, body: { delivery: { id: log.deliveries[0].id, status: 'pending' } } });
    expect(await drain(quick)).toBe(1);
    expect((await deliveries(setup)).deliveries[0]).toMatchObject({ status: 'succeeded', attempt: 4, responseCode: 200, responseExcerpt: 'thanks', nextAttemptAt: null });
    expect(await redeliver(setup, 'wd_unknown')).toMatchObject({ status: 404, body: { error: 'Webhook delivery not found', code: 'webhook_delivery_not_found' } });
  });

  it('waits 5 seconds before the first retry on the real schedule, and recovers without being disabled', async () => {
    const setup = await setUp();
    receiver().answer = 503;
    await createCustomerRow(setup.ref);
    const before = Date.now();
    expect(await drain()).toBe(1);
    const [first] = (await deliveries(setup)).deliveries;
    expect(first).toMatchObject({ status: 'pending', attempt: 1, responseCode: 503 });
    const wait = Date.parse(first.nextAttemptAt) - before;
    expect(wait).toBeGreaterThanOrEqual(5000);
    expect(wait).toBeLessThan(15_000);
    // Not due yet: nothing is sent.
    expect(await drain()).toBe(0);

    receiver().answer = 200;
    const db = await getDb();
    expect(await redeliver(setup, first.id)).toMatchObject({ status: 202 });
    expect(await deliverDueWebhooks(db)).toBe(1);
    expect((await deliveries(setup)).deliveries[0]).toMatchObject({ status: 'succeeded', attempt: 2, responseCode: 200 });
    expect(await endpoint(setup)).toMatchObject({ enabled: true, disabledReason: null });
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const setup = await setUp();
    receiver().answer = 'hang';
    await createCustomerRow(setup.ref);
    expect(await drain({ retryDelaysMs: [], timeoutMs: 200 })).toBe(1);
    expect((await deliveries(setup)).deliveries[0]).toMatchObject({ status: 'failed', attempt: 1, responseCode: null, responseExcerpt: 'Timed out after 200 ms' });
    receiver().answer = 200;
  });

  it('is not disabled while another of its deliveries succeeds during the schedule', async () => {
    const setup = await setUp();
    const db = await getDb();
    const slowFirstRetry = { retryDelaysMs: [60_000, 0] };
    receiver().answer = 500;
    await createCustomerRow(setup.ref);
    expect(await deliverDueWebhooks(db, slowFirstRetry)).toBe(1);
    // The receiver is back for a while: a newer event gets through while the first waits for its retry.
    receiver().answer = 200;
    await createCustomerRow(setup.ref);
    expect(await deliverDueWebhooks(db, slowFirstRetry)).toBe(1);
    receiver().answer = 500;
    const waiting = (await deliveries(setup)).deliveries.find((delivery) => delivery.status === 'pending')!;
    expect(await redeliver(setup, waiting.id)).toMatchObject({ status: 202 });
    expect(await drain(slowFirstRetry)).toBe(2);
    const log = (await deliveries(setup)).deliveries;
    expect(log.map((delivery) => [delivery.status, delivery.attempt])).toEqual([
      ['succeeded', 1],
      ['failed', 3],
    ]);
    expect(await endpoint(setup)).toMatchObject({ enabled: true, disabledReason: null });
    receiver().answer = 200;
  });
});

describe('queueing', () => {
  it('queues only the events an endpoint subscribes to', async () => {
    const setup = await setUp(['customer.updated']);
    await createCustomerRow(setup.ref);
    expect(await deliveries(setup)).toEqual({ deliveries: [], total: 0 });
  });

  it('sends each delivery once when workers run concurrently', async () => {
    const setup = await setUp();
    const since = receiver().requests.length;
    for (let i = 0; i < 4; i += 1) await createCustomerRow(setup.ref);
    const db = await getDb();
    const done = await Promise.all([deliverDueWebhooks(db, { limit: 3 }), deliverDueWebhooks(db, { limit: 3 }), deliverDueWebhooks(db, { limit: 3 })]);
    expect(done.reduce((sum, count) => sum + count, 0)).toBe(4);
    expect(receiver().requests.length - since).toBe(4);
    expect(receiver().verified(setup.secret, since).map((event) => event.type)).toEqual(Array(4).fill('customer.created'));
  });
});
