/**
 * Next runs this once per server process: the worker that applies queued Stripe events starts with the server.
 * `BILLSTACK_WORKER=off` leaves it to `npm run worker` processes (or to tests). The runtime check is the form
 * Next's bundlers drop from the edge build, with the database client it imports.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    if (process.env.BILLSTACK_WORKER === 'off') return;
    const [{ getDb }, { startWorker }] = await Promise.all([import('@/db/client'), import('@/lib/worker')]);
    startWorker(await getDb());
  }
}
