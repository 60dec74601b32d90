import crypto from 'node:crypto';
import { and, count, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { stripeEvents } from '../db/schema';
import type { StripeEmulator } from '../stripe-emulator/server';
import { connectDrizzle } from './database';
import { sleep, spawnGroup, type GroupProcess } from './processes';
import { connectStripe, type Tenant } from './seed';
import { onTeardown } from './teardown';

export interface DrainCaseResult {
  subscriptions: number;
  /** Renewal events queued by the intake before the workers started. */
  events: number;
  /** Distinct Stripe objects those events are about. */
  objects: number;
  workers: number;
  /** Each worker's token bucket, requests per second. */
  stripeRate: number;
  seconds: number;
  /** Stripe GETs the workers made while draining. */
  reads: number;
  /** Events left waiting for a retry, or failed for good: none when all went well. */
  unapplied: number;
}

const day = 86_400;

/** `npm run worker` processes on the bench database; resolves once each has connected and started. */
async function startWorkers(count: number, env: Record<string, string>): Promise<GroupProcess[]> {
  const workers = Array.from({ length: count }, () =>
    spawnGroup(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], { env: { ...process.env, ...env } }),
  );
  for (const worker of workers) onTeardown('stop a worker', worker.stop);
  const deadline = Date.now() + 60_000;
  while (!workers.every((worker) => worker.output().includes('started'))) {
    const dead = workers.find((worker) => worker.child.exitCode !== null);
    if (dead) throw new Error(`a worker exited: ${dead.output()}`);
    if (Date.now() > deadline) throw new Error('workers did not start within 60 s');
    await sleep(20);
  }
  return workers;
}

/**
 * The queue's throughput: subscriptions renew at once (the account's clock moves a month), the server's intake
 * queues their events (its own worker is off), then `workers` worker processes drain them. Reported: the time to
 * drain and the Stripe reads per event (coalescing makes it fewer than one re-read per event).
 */
export async function runDrainCase(opts: {
  origin: string;
  tenant: Tenant;
  databaseUrl: string;
  emulator: StripeEmulator;
  encryptionKey: string;
  subscriptions: number;
  workers: number;
  stripeRate: number;
}): Promise<DrainCaseResult> {
  const { origin, tenant, databaseUrl, emulator } = opts;
  const { db, close } = connectDrizzle(databaseUrl);
  onTeardown('close the drain case connection', close);
  // Due or being applied; an event waiting for a retry later is counted apart (`retrying`), not waited for.
  const unfinished = async () => {
    const [{ n }] = await db
      .select({ n: count() })
      .from(stripeEvents)
      .where(
        or(
          eq(stripeEvents.status, 'processing'),
          and(eq(stripeEvents.status, 'pending'), or(isNull(stripeEvents.nextAttemptAt), lte(stripeEvents.nextAttemptAt, sql`now()`))),
        ),
      );
    return n;
  };
  const workerEnv = {
    DATABASE_URL: databaseUrl,
    STRIPE_API_BASE: emulator.url,
    BILLSTACK_ENCRYPTION_KEY: opts.encryptionKey,
    STRIPE_RATE_LIMIT_TEST: String(opts.stripeRate),
    BILLSTACK_WORKER_POLL_MS: '100',
  };
  const drain = async (workers: GroupProcess[]) => {
    while ((await unfinished()) > 0) {
      if (workers.some((worker) => worker.child.exitCode !== null)) throw new Error('a worker exited while draining');
      await sleep(50);
    }
  };

  // The intake case's synthetic events are not this case's work.
  await db.delete(stripeEvents);
  const secretKey = `sk_test_${crypto.randomBytes(12).toString('hex')}`;
  const stripe = new Stripe(secretKey, { host: '127.0.0.1', port: emulator.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
  await connectStripe(origin, tenant, secretKey);
  const product = await stripe.products.create({ name: 'Bench Plan', metadata: { billstack_project_id: tenant.projectId } });
  const price = await stripe.prices.create({ product: product.id, unit_amount: 1200, currency: 'usd', recurring: { interval: 'month' } });
  const batch = 20;
  for (let start = 0; start < opts.subscriptions; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, opts.subscriptions - start) }, async (_, i) => {
        const customer = await stripe.customers.create({
          email: `bench-renewal-${start + i}@example.com`,
          payment_method: 'pm_card_visa',
          invoice_settings: { default_payment_method: 'pm_card_visa' },
          metadata: { billstack_project_id: tenant.projectId },
        });
        await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], metadata: { billstack_project_id: tenant.projectId } });
      }),
    );
  }
  await emulator.idle();
  // The subscriptions' own creation events are applied first, untimed.
  let workers = await startWorkers(opts.workers, workerEnv);
  await drain(workers);
  await Promise.all(workers.map((worker) => worker.stop()));

  // A month later (and past the hour a renewal invoice stays a draft), every subscription renews.
  emulator.advanceTime(secretKey, 31 * day + 2 * 3600);
  await emulator.idle();
  const queued = await db.select({ objectId: stripeEvents.objectId }).from(stripeEvents).where(inArray(stripeEvents.status, ['pending']));
  const readsBefore = emulator.requestCounts(secretKey).reads;
  workers = await startWorkers(opts.workers, workerEnv);
  const started = performance.now();
  await drain(workers);
  const seconds = (performance.now() - started) / 1000;
  const reads = emulator.requestCounts(secretKey).reads - readsBefore;
  await Promise.all(workers.map((worker) => worker.stop()));
  const [{ unapplied }] = await db
    .select({ unapplied: count() })
    .from(stripeEvents)
    .where(or(eq(stripeEvents.status, 'failed'), and(eq(stripeEvents.status, 'pending'), gt(stripeEvents.nextAttemptAt, sql`now()`))));
  return {
    unapplied,
    subscriptions: opts.subscriptions,
    events: queued.length,
    objects: new Set(queued.map((row) => row.objectId)).size,
    workers: opts.workers,
    stripeRate: opts.stripeRate,
    seconds,
    reads,
  };
}

export function printDrainResults(result: DrainCaseResult): void {
  const { events, objects, workers, stripeRate, seconds, reads } = result;
  console.log(
    `queue    ${result.subscriptions.toLocaleString('en-US')} subscriptions renewed: ${events.toLocaleString('en-US')} queued events on ` +
      `${objects.toLocaleString('en-US')} objects drained by ${workers} worker processes (${stripeRate} Stripe requests/s each) in ` +
      `${seconds.toFixed(1)} s = ${Math.round(events / seconds).toLocaleString('en-US')} events/s; ` +
      `${(reads / events).toFixed(2)} Stripe reads per event (${reads.toLocaleString('en-US')} reads); at Stripe's test-mode pace ` +
      `(20/s, one account) the reads alone take ${Math.round(reads / 20)} s`,
  );
  if (result.unapplied > 0) console.log(`queue    ${result.unapplied} events were not applied (retrying later, or failed)`);
}
