/**
 * What the bench started, stopped in reverse order at the end: after a normal run, a failure, or Ctrl-C.
 * A step that fails is reported and the others still run, so one stuck process does not leak the rest.
 */
const steps: { name: string; run: () => Promise<void> | void }[] = [];

export function onTeardown(name: string, run: () => Promise<void> | void): void {
  steps.push({ name, run });
}

export async function teardown(): Promise<void> {
  for (let step = steps.pop(); step; step = steps.pop()) {
    try {
      await step.run();
    } catch (error) {
      console.error(`teardown: could not ${step.name}:`, error);
    }
  }
}

export function teardownOnSignals(): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by npm/tsx), and a
    // second signal without a handler would kill it halfway through the teardown.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${signal}: stopping everything the bench started`);
      void teardown().finally(() => process.exit(130));
    });
  }
}
