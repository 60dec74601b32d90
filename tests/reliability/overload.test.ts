// A production server over its cap of requests in flight (BILLSTACK_MAX_IN_FLIGHT, here 2): the requests over
// it are refused at once with 503 `overloaded` and Retry-After, liveness is still served, and once the load is
// gone every request is served again. Stripe lagging keeps the admitted requests in flight.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectedProject, type ConnectedProject } from '../e2e/helpers/stack';
import type { TestServer } from '../e2e/helpers/server';
import { recordFigure, reliabilityServer, untilReady, useEmulator, waitFor } from './helpers';

const emulator = useEmulator();
const secretKey = `sk_test_${randomBytes(16).toString('hex')}`;
const stripeLagMs = 2000;
let server: TestServer;
let project: ConnectedProject;

beforeAll(async () => {
  server = await reliabilityServer({ env: { BILLSTACK_MAX_IN_FLIGHT: '2' } });
  await untilReady(server);
  project = await connectedProject(server, { team: 'Overload Inc', secretKey });
  await emulator().idle();
});

afterAll(async () => {
  await server?.stop();
});

/** One request as a client sends it, with its answer's status, Retry-After, body and time. */
async function timed(method: string, path: string, { keyed = true, body, signal }: { keyed?: boolean; body?: unknown; signal?: AbortSignal } = {}) {
  const started = performance.now();
  const res = await fetch(`${server.baseURL}${path}`, {
    method,
    signal,
    headers: {
      ...(keyed ? project.api.headers : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: text ? JSON.parse(text) : null, ms: performance.now() - started };
}

describe('over BILLSTACK_MAX_IN_FLIGHT', () => {
  it('refuses at once with 503 overloaded, keeps liveness, and serves everything again when the load stops', async () => {
    const customers = `${project.projectPath}/customers`;
    // Writes only: the server's worker may be reading from Stripe meanwhile.
    const stripeWrites = () => emulator().requestCounts(secretKey).writes;
    const before = stripeWrites();
    emulator().injectFaults(secretKey, { count: 1000, delayMs: stripeLagMs });
    const creations = [1, 2].map((i) => timed('POST', customers, { body: { email: `slow-${i}@example.com`, name: `Slow ${i}` } }));
    // Both are in flight once each has reached Stripe, which holds them.
    await waitFor(() => stripeWrites() >= before + 2, 'both creations to reach Stripe');

    const [reads, ready, live] = await Promise.all([
      Promise.all(Array.from({ length: 6 }, () => timed('GET', customers))),
      timed('GET', '/api/health/ready', { keyed: false }),
      timed('GET', '/api/health', { keyed: false }),
    ]);
    for (const refused of [...reads, ready]) {
      expect(refused).toMatchObject({ status: 503, retryAfter: '1', body: { error: 'Server is overloaded', code: 'overloaded' } });
      // Answered without waiting for the requests in flight.
      expect(refused.ms).toBeLessThan(stripeLagMs / 2);
    }
    expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });
    recordFigure('overload', '503 overloaded over a cap of 2, slowest refusal', `${Math.round(Math.max(...reads.map((r) => r.ms), ready.ms))} ms`);

    for (const created of await Promise.all(creations)) expect(created).toMatchObject({ status: 201 });
    emulator().injectFaults(secretKey, { count: 0 });
    // The customers' webhooks met the full server too: Stripe's retries of them are done before the load is gone.
    await emulator().idle();

    const recoveredAt = performance.now();
    await untilReady(server);
    recordFigure('overload', 'ready again after the load', `${Math.round(performance.now() - recoveredAt)} ms`);
    for (let i = 0; i < 6; i += 1) {
      const list = await timed('GET', customers);
      expect(list.status).toBe(200);
      expect(list.body.customers.map((customer: { email: string }) => customer.email).sort()).toEqual(['slow-1@example.com', 'slow-2@example.com']);
    }
  });

  it('gives back the places of requests whose clients went away before the answer', async () => {
    const customers = `${project.projectPath}/customers`;
    const before = emulator().requestCounts(secretKey).writes;
    emulator().injectFaults(secretKey, { count: 1000, delayMs: stripeLagMs });
    const gone = new AbortController();
    const abandoned = [3, 4].map((i) =>
      timed('POST', customers, { body: { email: `gone-${i}@example.com` }, signal: gone.signal }).catch((error: Error) => error.name),
    );
    await waitFor(() => emulator().requestCounts(secretKey).writes >= before + 2, 'both creations to reach Stripe');
    gone.abort();
    expect(await Promise.all(abandoned)).toEqual(['AbortError', 'AbortError']);
    // The server finishes both creations after the lag, with nobody left to read the answers.
    await waitFor(async () => (await timed('GET', `${customers}?email=gone-4@example.com`)).body?.total === 1, 'the abandoned creations to finish', 15_000);
    emulator().injectFaults(secretKey, { count: 0 });
    await emulator().idle();

    await untilReady(server);
    for (let i = 0; i < 4; i += 1) expect((await timed('GET', customers)).status).toBe(200);
  });
});
