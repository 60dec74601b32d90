/**
 * The API requests this process is serving, and whether it is shutting down. Kept apart from the shutdown
 * sequence so the route wrapper can count requests without importing the worker and the pools.
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

/** Requests in their handler or sending their body; the admission gate (lib/ops/admission.ts) sheds on it too. */
export function inFlightCount(): number {
  return inFlight().count;
}

/**
 * Serves one request, counted until its body has been read out to the client (a handler returning is not the
 * answer sent: Next streams the body after) or, the handler done, the client has gone away (`signal`, the
 * request's: Next then never reads the body, and the count would never fall). Once the process is shutting
 * down, answers 503 at once so that a load balancer retries the request on another process.
 */
export async function served(serve: () => Promise<Response>, { signal }: { signal?: AbortSignal } = {}): Promise<Response> {
  const state = inFlight();
  if (state.draining) return errorResponse(new ApiError(503, 'Server is shutting down', 'service_unavailable', { headers: { 'Retry-After': '1' } }));
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
