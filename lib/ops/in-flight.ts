/**
 * The API requests this process is serving, and whether it is shutting down. Kept apart from the shutdown
 * sequence so the route wrapper can count requests without importing the worker and the pools.
 */
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

/**
 * Serves one request, counted while it runs; once the process is shutting down, answers 503 at once so that
 * a load balancer retries it on another process.
 */
export async function served(serve: () => Promise<Response>): Promise<Response> {
  const state = inFlight();
  if (state.draining) return errorResponse(503, 'Server is shutting down', { 'Retry-After': '1', Connection: 'close' });
  state.count += 1;
  try {
    return await serve();
  } finally {
    state.count -= 1;
    if (state.count === 0) for (const resolve of state.whenIdle.splice(0)) resolve();
  }
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
