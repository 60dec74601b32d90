// `npm run bench`: performance figures of BillStack's production build against bare baselines.
// Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (10), BENCH_VERIFY_CALLS (10000), BENCH_WEBHOOK_DUPLICATES (0.2),
// BENCH_WEBHOOK_CUSTOMERS (500), BENCH_DRAIN_SUBSCRIPTIONS (2500, or 250 when BENCH_SECONDS < 10), BENCH_WORKERS (2), BENCH_STRIPE_RATE (1000),
// BENCH_ANALYTICS_SCALE (1, or 0.02 when BENCH_SECONDS < 10), BENCH_LOAD_SECONDS (60, or BENCH_SECONDS when it is < 10),
// BENCH_LOAD_RATE (300), BENCH_OVERLOAD_CONNECTIONS (400), BENCH_OVERLOAD_SECONDS (15, or 3 when BENCH_SECONDS < 10),
// BENCH_CASES (api,analytics,load),
// PG_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres).
// Exits 1 only when something broke (a non-2xx answer, a connection error, a crash; under the load case's overload
// only an answer other than 2xx/429/503, a crash or no recovery); a missed target is printed.
import crypto from 'node:crypto';
import os from 'node:os';
import { startStripeEmulator } from '../stripe-emulator/server';
import { printAnalyticsResults, runAnalyticsCase } from './analytics-case';
import { runAuthCase } from './auth-case';
import { config } from './config';
import { createBenchDatabase } from './database';
import { printDrainResults, runDrainCase } from './drain-case';
import { slicesFor } from './load';
import { ensureBuild, startNextServer } from './next-server';
import { loadFailures, printLoadResults, runLoadCase } from './mixed-case';
import { failuresOf, printResults } from './report';
import { seedTenant } from './seed';
import { onTeardown, teardown, teardownOnSignals } from './teardown';
import { runWebhookCase } from './webhook-case';

// Other work on the machine takes cores from the servers and the load generator alike: one busy core
// before the bench starts is enough to make its figures noisy.
function loadNote(): string {
  const averages = os.loadavg();
  const note = averages[0] >= 1 ? ' (other work is running: figures will be noisy)' : '';
  return `load average ${averages.map((load) => load.toFixed(2)).join(' ')}${note}`;
}

function printSetting(build: { buildId: string; builtAt: Date }, postgresVersion: string, machineLoad: string): void {
  const cpus = os.cpus();
  console.log(
    `machine  ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
      `${os.type()} ${os.release()}, ${machineLoad} before the bench`,
  );
  console.log(`runtime  Node ${process.version}; ${postgresVersion.split(',')[0]}; Next build ${build.buildId} of ${build.builtAt.toISOString()}`);
  console.log(
    `load     autocannon, ${config.connections} connections, ${config.seconds} s per target in ${slicesFor(config.seconds)} interleaved slices ` +
      `after ${config.warmupSeconds} s warm-up; ` +
      'load generator and Stripe emulator in this process, servers in their own, all on 127.0.0.1',
  );
}

async function main(): Promise<string[]> {
  const build = await ensureBuild();
  const machineLoad = loadNote();
  // The server encrypts the webhook secret with this key; the bench decrypts it with the same one.
  const encryptionKey = crypto.randomBytes(32).toString('base64');
  process.env.BILLSTACK_ENCRYPTION_KEY = encryptionKey;

  const database = await createBenchDatabase(config.pgAdminUrl);
  onTeardown('drop the bench database', database.drop);
  const emulator = await startStripeEmulator({ port: 0 });
  onTeardown('stop the Stripe emulator', emulator.close);
  const server = await startNextServer({ databaseUrl: database.url, stripeApiBase: emulator.url, encryptionKey });
  onTeardown('stop next start', server.stop);
  printSetting(build, database.serverVersion, machineLoad);

  const tenant = await seedTenant(server.origin);
  const failures: string[] = [];
  if (config.cases.has('api')) {
    const settings = { seconds: config.seconds, connections: config.connections, warmupSeconds: config.warmupSeconds };
    const auth = await runAuthCase({ origin: server.origin, tenant, databaseUrl: database.url, settings, verifyCalls: config.verifyCalls });
    const webhook = await runWebhookCase({
      origin: server.origin,
      tenant,
      databaseUrl: database.url,
      emulator,
      settings,
      duplicateShare: config.webhookDuplicateShare,
      customerCount: config.webhookCustomers,
    });
    printResults(auth, webhook, config.keyCheckTargetMs);
    failures.push(...failuresOf(auth, webhook));
    const drain = await runDrainCase({
      origin: server.origin,
      tenant,
      databaseUrl: database.url,
      emulator,
      encryptionKey,
      subscriptions: config.drainSubscriptions,
      workers: config.drainWorkers,
      stripeRate: config.drainStripeRate,
    });
    printDrainResults(drain);
  }
  if (config.cases.has('analytics')) {
    const analytics = await runAnalyticsCase({
      origin: server.origin,
      tenant,
      databaseUrl: database.url,
      seconds: config.seconds,
      scale: config.analyticsScale,
    });
    printAnalyticsResults(analytics, config.analyticsTargetP99Ms, config.ledgerTargetMs);
    if (!analytics.naiveMatches) failures.push('the naive MRR series differs from GET analytics/mrr');
  }
  if (config.cases.has('load')) {
    // A server of its own (worker on, its own database), started after the others are done with theirs.
    const load = await runLoadCase({
      pgAdminUrl: config.pgAdminUrl,
      emulator,
      encryptionKey,
      seconds: config.loadSeconds,
      // A fresh server: each route's module loads, and V8 optimises it, on its first requests.
      warmupSeconds: 3 * config.warmupSeconds,
      rate: config.loadRate,
      connections: config.connections,
      overloadSeconds: config.overloadSeconds,
      overloadConnections: config.overloadConnections,
    });
    printLoadResults(load);
    failures.push(...loadFailures(load));
  }
  return failures;
}

teardownOnSignals();
let exitCode = 0;
try {
  const failures = await main();
  if (failures.length > 0) {
    console.error(`\nBENCH BROKEN: every request must succeed for the figures to mean anything\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    exitCode = 1;
  }
} catch (error) {
  console.error('\nbench failed:', error);
  exitCode = 1;
} finally {
  await teardown();
}
process.exit(exitCode);
