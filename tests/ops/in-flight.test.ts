// The request counting behind graceful shutdown (the whole sequence runs against `next start` in
// tests/e2e/shutdown.test.ts): draining waits for every request in flight, bounded, and refuses new ones. The
// admission gate (tests/ops/admission.test.ts) sheds load on the same count.
import { describe, expect, it } from 'vitest';
import { drain, inFlightCount, isDraining, served } from '@/lib/ops/in-flight';

/** A request in flight until `finish` is called. */
function slowRequest(body: string) {
  let finish!: () => void;
  const response = served(() => new Promise<Response>((resolve) => (finish = () => resolve(new Response(body)))));
  return { response, finish: () => finish() };
}

describe('the in-flight count', () => {
  it('holds a request until its body is read, and one whose client went away until its handler is done', async () => {
    const before = inFlightCount();
    const first = slowRequest('first');
    expect(inFlightCount()).toBe(before + 1);
    first.finish();
    const firstResponse = await first.response;
    // Counted until the body is read out, not until the handler returns.
    expect(inFlightCount()).toBe(before + 1);
    expect(await firstResponse.text()).toBe('first');
    expect(inFlightCount()).toBe(before);

    // Nobody reads the body of an answer whose client has gone: the abort gives the place back.
    const answered = new AbortController();
    await served(async () => new Response('nobody reads this'), { signal: answered.signal });
    expect(inFlightCount()).toBe(before + 1);
    answered.abort();
    expect(inFlightCount()).toBe(before);

    // A handler still at work (a Stripe call, a write) stays counted though its client went away.
    const cut = new AbortController();
    let finish!: () => void;
    const running = served(() => new Promise<Response>((resolve) => (finish = () => resolve(new Response('too late')))), { signal: cut.signal });
    cut.abort();
    expect(inFlightCount()).toBe(before + 1);
    finish();
    await running;
    expect(inFlightCount()).toBe(before);
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
