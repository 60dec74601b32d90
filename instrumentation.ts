/**
 * Next runs this once per server process: the worker that applies queued Stripe events starts with the server
 * (Node runtime only). `BILLSTACK_WORKER=off` leaves it to `npm run worker` processes (or to tests).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.BILLSTACK_WORKER === 'off') return;
  const [{ getDb }, { startWorker }] = await Promise.all([import('@/db/client'), import('@/lib/worker')]);
  startWorker(await getDb());
}
