// `npm run worker`: the background worker alone (queued Stripe events...), next to or instead of the server's
// own. Several may run against one PostgreSQL database; on SIGINT/SIGTERM it finishes its round and exits.
import { getDb } from '../db/client';
import { shutDownOnSignals } from '../lib/ops/shutdown';
import { startWorker } from '../lib/worker';

startWorker(await getDb());
shutDownOnSignals();
console.log(`worker ${process.pid} started`);
