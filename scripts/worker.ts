// `npm run worker`: the background worker alone (queued Stripe events...), next to or instead of the server's
// own. Several may run against one PostgreSQL database; on SIGINT/SIGTERM it finishes its round and exits.
import { closeDb, getDb } from '../db/client';
import { startWorker, stopWorker } from '../lib/worker';

startWorker(await getDb());
console.log(`worker ${process.pid} started`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await stopWorker();
    await closeDb();
    process.exit(0);
  });
}
