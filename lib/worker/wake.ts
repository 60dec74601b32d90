// Kept apart from the worker so the intake route can ring it without bundling the apply code.
const holder = globalThis as typeof globalThis & { __billstackWorkerWake?: () => void };

/** Tells this process's worker, if it runs, that work was queued: it starts a round now, not at the next poll. */
export function wakeWorker(): void {
  holder.__billstackWorkerWake?.();
}

export function onWake(listener: (() => void) | undefined): void {
  holder.__billstackWorkerWake = listener;
}
