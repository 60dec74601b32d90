/**
 * Next runs this once per server process: the load-shedding gate goes in front of Next, the graceful shutdown on
 * SIGTERM is set up, and the worker that applies queued Stripe events starts with the server.
 * `BILLSTACK_WORKER=off` leaves it to `npm run worker` processes (or to tests). The runtime check is the form
 * Next's bundlers drop from the edge build, with the database client it imports.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const [{ getDb }, { startWorker }, { shutDownOnSignals }, { installAdmissionGate }] = await Promise.all([
      import('@/db/client'),
      import('@/lib/worker'),
      import('@/lib/ops/shutdown'),
      import('@/lib/ops/admission'),
    ]);
    installAdmissionGate();
    shutDownOnSignals();
    if (process.env.BILLSTACK_WORKER !== 'off') startWorker(await getDb());
  }
}
