// The load-shedding gate in front of Next, on a real Node HTTP server (through `next start` in
// tests/reliability/overload.test.ts): over BILLSTACK_MAX_IN_FLIGHT API requests in hand, the next API request is
// refused at once with 503 `overloaded`; liveness and pages pass; the place comes back when an answer is sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { installAdmissionGate, isSheddable, maxInFlight, receivedCount } from '@/lib/ops/admission';

/** Requests held by the server until released, by path. */
const held: (() => void)[] = [];
let server: http.Server;
let origin: string;

beforeAll(async () => {
  installAdmissionGate();
  server = http.createServer((req, res) => {
    if (req.url === '/api/slow') held.push(() => res.end('slow'));
    else res.end(`served ${req.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => vi.unstubAllEnvs());

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('the admission gate', () => {
  it('refuses API requests over the cap at once, serves liveness and pages, and admits again once an answer is sent', async () => {
    vi.stubEnv('BILLSTACK_MAX_IN_FLIGHT', '2');
    const slow = [fetch(`${origin}/api/slow`), fetch(`${origin}/api/slow`)];
    await until(() => held.length === 2);
    expect(receivedCount()).toBe(2);

    const refused = await fetch(`${origin}/api/billstack/teams/t/projects/p/customers`, { method: 'POST', body: JSON.stringify({ email: 'x@example.com' }) });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('content-type')).toBe('application/json');
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await refused.json()).toEqual({ error: 'Server is overloaded', code: 'overloaded' });
    expect(await (await fetch(`${origin}/api/health/ready`)).text()).toContain('overloaded');
    expect(await (await fetch(`${origin}/api/health`)).text()).toBe('served /api/health');
    expect(await (await fetch(`${origin}/teams`)).text()).toBe('served /teams');

    held.shift()!();
    expect(await (await slow[0]).text()).toBe('slow');
    await until(() => receivedCount() === 1);
    expect(await (await fetch(`${origin}/api/other`)).text()).toBe('served /api/other');
    held.shift()!();
    expect(await (await slow[1]).text()).toBe('slow');
    await until(() => receivedCount() === 0);
  });

  it('gives the place back when the client goes away before its answer', async () => {
    vi.stubEnv('BILLSTACK_MAX_IN_FLIGHT', '1');
    const gone = new AbortController();
    const abandoned = fetch(`${origin}/api/slow`, { signal: gone.signal }).catch((error: Error) => error.name);
    await until(() => held.length === 1);
    expect((await fetch(`${origin}/api/other`)).status).toBe(503);
    gone.abort();
    expect(await abandoned).toBe('AbortError');
    await until(() => receivedCount() === 0);
    expect(await (await fetch(`${origin}/api/other`)).text()).toBe('served /api/other');
    held.shift()!();
  });

  it('counts the API only, liveness aside, and defaults the cap to 100', () => {
    expect(['/api/billstack/x', '/api/health/ready', '/api/health/ready?x=1'].map(isSheddable)).toEqual([true, true, true]);
    expect(['/api/health', '/api/health?probe=1', '/teams/t', '/_next/static/a.js', undefined].map(isSheddable)).toEqual([false, false, false, false, false]);
    expect(maxInFlight()).toBe(100);
    for (const value of ['0', '-3', '2.5', 'lots']) {
      vi.stubEnv('BILLSTACK_MAX_IN_FLIGHT', value);
      expect(maxInFlight()).toBe(100);
    }
    vi.stubEnv('BILLSTACK_MAX_IN_FLIGHT', '500');
    expect(maxInFlight()).toBe(500);
  });
});
