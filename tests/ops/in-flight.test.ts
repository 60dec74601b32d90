// The request counting behind graceful shutdown (the whole sequence runs against `next start` in
// tests/e2e/shutdown.test.ts): draining waits for every request in flight, bounded, and refuses new ones. The same
// count sheds load over BILLSTACK_MAX_IN_FLIGHT (through `next start` in tests/reliability/overload.test.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drain, isDraining, maxInFlight, served } from '@/lib/ops/in-flight';

/** A request in flight until `finish` is called. */
function slowRequest(body: string) {
  let finish!: () => void;
  const response = served(() => new Promise<Response>((resolve) => (finish = () => resolve(new Response(body)))));
  return { response, finish: () => finish() };
}

describe('the in-flight cap', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('answers 503 overloaded at once over the cap, serves liveness anyway, and takes requests again once one finishes', async () => {
    vi.stubEnv('BILLSTACK_MAX_IN_FLIGHT', '2');
    const first = slowRequest('first');
    const second = slowRequest('second');
    let servedOver = false;

    const refused = await served(async () => {
      servedOver = true;
      return new Response('never served');
    });
    expect(servedOver).toBe(false);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({ error: 'Server is overloaded', code: 'overloaded' });
    expect(await (await served(async () => new Response('alive'), { shed: false })).text()).toBe('alive');

    // Counted until the body is read out, not until the handler returns.
    first.finish();
    const firstResponse = await first.response;
    expect((await served(async () => new Response('still full'))).status).toBe(503);
    expect(await firstResponse.text()).toBe('first');
    expect(await (await served(async () => new Response('taken'))).text()).toBe('taken');
    second.finish();
    expect(await (await second.response).text()).toBe('second');
  });

  it('gives back the place of a request whose client went away once its handler is done, though nobody reads its body', async () => {
    vi.stubEnv('BILLSTACK_MAX_IN_FLIGHT', '1');
    const answered = new AbortController();
    await served(async () => new Response('nobody reads this'), { signal: answered.signal });
    expect((await served(async () => new Response('full'))).status).toBe(503);
    answered.abort();
    expect(await (await served(async () => new Response('taken'))).text()).toBe('taken');

    const cut = new AbortController();
    let finish!: () => void;
    const running = served(() => new Promise<Response>((resolve) => (finish = () => resolve(new Response('too late')))), { signal: cut.signal });
    cut.abort();
    expect((await served(async () => new Response('still running'))).status).toBe(503);
    finish();
    await running;
    expect(await (await served(async () => new Response('taken'))).text()).toBe('taken');
  });

  it('defaults to 100 when BILLSTACK_MAX_IN_FLIGHT is unset or not a positive integer', () => {
    expect(maxInFlight()).toBe(100);
    for (const value of ['0', '-3', '2.5', 'lots']) {
      vi.stubEnv('BILLSTACK_MAX_IN_FLIGHT', value);
      expect(maxInFlight()).toBe(100);
    }
    vi.stubEnv('BILLSTACK_MAX_IN_FLIGHT', '500');
    expect(maxInFlight()).toBe(500);
  });
});

describe('draining', () => {
  it('gives up after the grace period, answers new requests 503, and waits for every request in flight', async () => {
    const first = slowRequest('first');
    const second = slowRequest('second');
    expect(isDraining()).toBe(false);

    expect(await drain(50)).toBe(false);
    expect(isDraining()).toBe(true);
    const refused = await served(async () => new Response('never served'));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({ error: 'Server is shutting down', code: 'service_unavailable' });

    const drained = drain(60_000);
    let settled = false;
    void drained.then(() => (settled = true));
    first.finish();
    expect(await (await first.response).text()).toBe('first');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    second.finish();
    expect(await (await second.response).text()).toBe('second');
    expect(await drained).toBe(true);
  });
});
