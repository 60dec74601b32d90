import type { Database } from '@/db/client';
import { log } from '@/lib/log';
import { tasks } from './tasks';
import { onWake } from './wake';

export { drainStripeEvents } from './stripe-events';

interface Running {
  stopping: boolean;
  /** Woken during a round: the next one starts without sleeping. */
  woken: boolean;
  loop: Promise<void>;
  wake: () => void;
}

// One worker per process, on globalThis because Next bundles the instrumentation hook and the routes apart.
const holder = globalThis as typeof globalThis & { __billstackWorker?: Running };

function pollMs(): number {
  const value = Number(process.env.BILLSTACK_WORKER_POLL_MS);
  return Number.isFinite(value) && value > 0 ? value : 1000;
}

/**
 * Starts this process's worker (once): it runs the tasks in turn while any finds work, then sleeps until the
 * next poll or until `wakeWorker()` (work queued in this process). Other processes' work is found by polling.
 */
export function startWorker(db: Database): void {
  if (holder.__billstackWorker) return;
  let wakeUp: () => void = () => {};
  const running: Running = {
    stopping: false,
    woken: false,
    loop: Promise.resolve(),
    wake: () => {
      running.woken = true;
      wakeUp();
    },
  };
  running.loop = (async () => {
    while (!running.stopping) {
      running.woken = false;
      let done = 0;
      for (const task of tasks) {
        try {
          done += await task(db);
        } catch (error) {
          // A database hiccup: logged, and the loop goes on after a pause.
          log.error({ err: error }, 'worker task failed');
        }
      }
      if (done > 0 || running.woken || running.stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs());
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  holder.__billstackWorker = running;
  onWake(running.wake);
}

/** Stops the worker after the round it is in; resolves once it has. */
export async function stopWorker(): Promise<void> {
  const running = holder.__billstackWorker;
  if (!running) return;
  running.stopping = true;
  running.wake();
  onWake(undefined);
  await running.loop;
  holder.__billstackWorker = undefined;
}
