/**
 * The API requests this process is serving, whether it is shutting down, and whether it takes more. Kept apart
 * from the shutdown sequence so the route wrapper can count requests without importing the worker and the pools.
 */
import { ApiError } from '@/lib/http/errors';
import { errorResponse } from '@/lib/http/respond';

interface InFlight {
  draining: boolean;
  count: number;
  /** Called once when the count falls to zero. */
  whenIdle: (() => void)[];
}

// On globalThis: Next bundles the instrumentation hook (which drains) and the route handlers (which count) apart.
const holder = globalThis as typeof globalThis & { __billstackInFlight?: InFlight };

function inFlight(): InFlight {
  holder.__billstackInFlight ??= { draining: false, count: 0, whenIdle: [] };
  return holder.__billstackInFlight;
}

export function isDraining(): boolean {
  return inFlight().draining;
}

const defaultMaxInFlight = 100;

/**
 * BILLSTACK_MAX_IN_FLIGHT: requests this process serves at once; the next one is refused 503 `overloaded` at
 * once instead of joining a queue that grows without bound (memory, waiters on the 10 database connections,
 * Stripe calls). 100 is three times what the bench's mixed load at its pace keeps in flight, so a busy but
 * healthy process never refuses. The count is the signal, not the event loop's delay: measured under 400
 * clients on 2 shared cores (`BENCH_CASES=load npm run bench`), the queue that grows is the CPU in front of this
 * check (Node's parsing, Next's routing and middleware: refusals themselves took 0.85–2.9 s at p99), not the pool; a delay signal
 * is read at this same point, so it would refuse no sooner, and only after a window, and a neighbour's CPU burst
 * would make it refuse requests this process could serve. Refusals are as quick as Next's own floor allows:
 * the limit on connections belongs in front of the process (the load balancer).
 */
export function maxInFlight(): number {
  const configured = Number(process.env.BILLSTACK_MAX_IN_FLIGHT ?? defaultMaxInFlight);
  return Number.isInteger(configured) && configured > 0 ? configured : defaultMaxInFlight;
}

const retryShortly = () => ({ headers: { 'Retry-After': '1' } });

/**
 * Serves one request, counted until its body has been read out to the client (a handler returning is not the
 * answer sent: Next streams the body after) or, the handler done, the client has gone away (`signal`, the
 * request's: Next then never reads the body, and the place would stay taken for good). Once the process is shutting down, or while
 * it already serves `maxInFlight()` requests, answers 503 at once so that the client or a load balancer retries
 * shortly or on another process. `shed: false` (liveness) is served over the cap: an overloaded process is not
 * a dead one, and a probe that restarted it would only lose the requests it is serving.
 */
export async function served(
  serve: () => Promise<Response>,
  { shed = true, signal }: { shed?: boolean; signal?: AbortSignal } = {},
): Promise<Response> {
  const state = inFlight();
  if (state.draining) return errorResponse(new ApiError(503, 'Server is shutting down', 'service_unavailable', retryShortly()));
  if (shed && state.count >= maxInFlight()) {
    return errorResponse(new ApiError(503, 'Server is overloaded', 'overloaded', retryShortly()));
  }
  state.count += 1;
  let counted = true;
  const finished = () => {
    if (!counted) return;
    counted = false;
    signal?.removeEventListener('abort', finished);
    state.count -= 1;
    if (state.count === 0) for (const resolve of state.whenIdle.splice(0)) resolve();
  };
  try {
    const response = await serve();
    // Counted while the handler runs even if the client has gone: its work (a Stripe call, a write) goes on.
    if (!response.body || signal?.aborted) {
      finished();
      return response;
    }
    signal?.addEventListener('abort', finished, { once: true });
    return new Response(untilRead(response.body, finished), response);
  } catch (error) {
    finished();
    throw error;
  }
}

/** The same body, calling `finished` once it has been read to the end or cancelled (the client went away). */
function untilRead(body: ReadableStream<Uint8Array>, finished: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        finished();
      } else controller.enqueue(value);
    },
    cancel(reason) {
      finished();
      return reader.cancel(reason);
    },
  });
}

/** From now on new requests are refused; resolves true once those in flight have finished, false after `graceMs`. */
export function drain(graceMs: number): Promise<boolean> {
  const state = inFlight();
  state.draining = true;
  if (state.count === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), graceMs);
    state.whenIdle.push(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
