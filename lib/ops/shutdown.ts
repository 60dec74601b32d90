import { closeDb } from '@/db/client';
import { closeKeyCache } from '@/lib/api-keys/cache';
import { closeRateLimiter } from '@/lib/auth/rate-limit';
import { log } from '@/lib/log';
import { stopWorker } from '@/lib/worker';
import { drain } from './in-flight';

const flushPauseMs = 500;

function graceMs(): number {
  const value = Number(process.env.BILLSTACK_SHUTDOWN_GRACE_MS);
  return Number.isFinite(value) && value > 0 ? value : 25_000;
}

/**
 * Graceful shutdown: API requests arriving from now on get 503 (a load balancer sends them to another process,
 * and readiness reads 503 too), the requests in flight and the worker's round finish (bounded by the grace
 * period), then the database pool and the Redis connections close. Work the worker had not claimed stays queued.
 */
export async function shutDown(): Promise<void> {
  log.info('shutting down: refusing new requests, finishing those in flight and the worker round');
  const [finished] = await Promise.all([drain(graceMs()), stopWorker()]);
  if (!finished) log.warn('shutting down: requests still in flight after the grace period');
  // Next writes out an answer after the body has been read (compressed on the thread pool): a pause lets the last
  // ones reach their clients before closing the pools blocks the loop and the process exits.
  await new Promise((resolve) => setTimeout(resolve, flushPauseMs));
  const closed = await Promise.allSettled([closeKeyCache(), closeRateLimiter(), closeDb()]);
  for (const outcome of closed) if (outcome.status === 'rejected') log.error({ err: outcome.reason }, 'shutting down: a pool did not close');
}

/**
 * SIGTERM and SIGINT shut the server down gracefully, then exit 0. `npm start` sets NEXT_MANUAL_SIG_HANDLE so
 * that Next leaves the signals to this handler: its own would exit as soon as its HTTP server closed.
 */
export function shutDownOnSignals(): void {
  // Once per process: `next dev` may register the instrumentation hook again.
  const holder = globalThis as typeof globalThis & { __billstackShutdown?: { started: boolean } };
  if (holder.__billstackShutdown) return;
  const state: { started: boolean } = (holder.__billstackShutdown = { started: false });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      // A terminal's Ctrl-C reaches the process twice (from the shell and relayed by npm).
      if (state.started) return;
      state.started = true;
      void shutDown().finally(() => process.exit(0));
    });
  }
}
