// The queue behind the Stripe intake: the worker claims stored events (several at once, on PostgreSQL from several
// processes), coalesces the events of one object into one Stripe read, paces reads per account, survives a
// worker's death, and replays what the intake missed from Stripe's event log.
import { spawn, type ChildProcess } from 'node:child_process';
import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, customers } from '@/db/schema';
import { stripeClient } from '@/lib/stripe/client';
import { drainStripeEvents, startWorker, stopWorker } from '@/lib/worker';
import { applyClaim, applyDueStripeEvents, claimDueEvents } from '@/lib/worker/stripe-events';
import * as replayRoute from '@/app/api/billstack/teams/[teamId]/webhook-events/replay/route';
import { call } from '../helpers/http';
import { signUp, type TestUser } from '../helpers/fixtures';
import { expectRowsMatchStripe } from '../helpers/mirror';
import { useOwnDatabase } from '../helpers/own-database';
import { connectedTeam, deliverEvent, expectHistoryOncePerEvent, recordedEvents, settled, storedEvents } from '../helpers/stripe-events';
import { newStripeKey, PAYING_CARD, useStripeEmulator } from '../helpers/stripe';

// On PostgreSQL the worker processes this file starts apply every team's events: they get a database of their own.
useOwnDatabase();
const emulator = useStripeEmulator();
let owner: TestUser;

beforeAll(async () => {
  owner = await signUp();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(50);
  }
}

/** A customer paying a monthly subscription, changed a few times: a burst of events on few objects. */
async function subscriptionLife(stripe: Stripe, changes = 4) {
  const customer = await stripe.customers.create({ email: 'queue@example.com', name: 'Queue', ...PAYING_CARD });
  const product = await stripe.products.create({ name: 'Pro' });
  const price = await stripe.prices.create({ product: product.id, unit_amount: 1500, currency: 'usd', recurring: { interval: 'month' } });
  const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
  for (let quantity = 2; quantity < 2 + changes; quantity++) {
    await stripe.subscriptions.update(subscription.id, { items: [{ id: subscription.items.data[0].id, quantity }], proration_behavior: 'none' });
  }
  await stripe.customers.update(customer.id, { name: 'Queue Renamed' });
  return { customer, subscription };
}

/** A Stripe account with a subscription life, and a fresh team connected to it that has received none of it. */
async function scene(changes?: number) {
  const secretKey = newStripeKey();
  const stripe = stripeClient(secretKey);
  const { team, project, secret } = await connectedTeam(owner, secretKey);
  const life = await subscriptionLife(stripe, changes);
  await emulator().idle();
  return { secretKey, stripe, team, project, secret, events: await recordedEvents(stripe), ...life };
}


/** Every event applied (or ignored) by exactly one claim, and one history row per subscription event that changed something. */
async function expectAppliedOnce(world: { team: { id: string }; stripe: Stripe }, events: Stripe.Event[]) {
  const rows = await storedEvents(world.team.id);
  expect(rows.map((row) => row.stripeEventId).sort()).toEqual(events.map((event) => event.id).sort());
  for (const row of rows) expect(row, row.type).toMatchObject({ status: expect.stringMatching(/^(applied|ignored)$/), attempts: 1, lockedUntil: null });
  await expectRowsMatchStripe(world);
  await expectHistoryOncePerEvent(world.team.id);
}

/** A worker process (`npm run worker`'s script), on the file's database and this file's emulator. */
function workerProcess(env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, BILLSTACK_WORKER_POLL_MS: '50', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/**
 * Two workers side by side until stopped: two processes on PostgreSQL (what several app servers are), two loops
 * over the same claim code in this process on PGlite (which only one process can open).
 */
function twoWorkers(teamId: string): () => Promise<void> {
  if (process.env.DATABASE_URL) {
    const workers = [workerProcess(), workerProcess()];
    return async () => {
      await Promise.all(workers.map((worker) => stopProcess(worker)));
    };
  }
  let stopping = false;
  const loop = async () => {
    const db = await getDb();
    while (!stopping) if ((await applyDueStripeEvents(db, teamId)) === 0) await sleep(10);
  };
  const loops = [loop(), loop()];
  return async () => {
    stopping = true;
    await Promise.all(loops);
  };
}

describe('the worker', () => {
  it('applies shuffled, duplicated, concurrent deliveries exactly once while two workers run', async () => {
    const world = await scene();
    let state = 7;
    const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const deliveries = [...world.events, ...world.events.filter(() => random() < 0.4)].sort(() => random() - 0.5);
    const stop = twoWorkers(world.team.id);
    try {
      // Four deliveries at a time, as Stripe's concurrent retries would.
      for (let start = 0; start < deliveries.length; start += 4) {
        const answers = await Promise.all(deliveries.slice(start, start + 4).map((event) => deliverEvent(world.team.id, world.secret, event)));
        for (const answer of answers) expect(answer).toMatchObject({ status: 200, body: { received: true, status: expect.stringMatching(/^(queued|duplicate)$/) } });
      }
      await waitUntil(() => settled(world.team.id));
    } finally {
      await stop();
    }
    await expectAppliedOnce(world, world.events);
    const rows = await storedEvents(world.team.id);
    expect(rows.reduce((sum, row) => sum + row.duplicates, 0)).toBe(deliveries.length - world.events.length);
  }, 120_000);

  it('reads each object once for a burst of its events', async () => {
    const world = await scene(8);
    for (const event of world.events) await deliverEvent(world.team.id, world.secret, event);
    const before = emulator().requestCounts(world.secretKey).reads;
    await drainStripeEvents(await getDb(), world.team.id);
    const reads = emulator().requestCounts(world.secretKey).reads - before;
    const objects = new Set(world.events.map((event) => (event.data.object as { id: string }).id));
    // Events on few objects: far fewer reads than events, though an object's apply may read related objects too.
    expect(world.events.length).toBeGreaterThan(2 * objects.size);
    expect(reads).toBeLessThan(world.events.length);
    await expectAppliedOnce(world, world.events);
    const db = await getDb();
    const [customer] = await db.select().from(customers).where(eq(customers.teamId, world.team.id));
    expect(customer).toMatchObject({ stripeCustomerId: world.customer.id, name: 'Queue Renamed' });
  }, 60_000);

  /** A fresh account with `count` customers, their events queued for a fresh team. */
  async function queuedCustomers(count: number) {
    const secretKey = newStripeKey();
    const stripe = stripeClient(secretKey);
    const { team, secret } = await connectedTeam(owner, secretKey);
    for (let i = 0; i < count; i++) await stripe.customers.create({ email: `burst${i}@example.com` });
    for (const event of await recordedEvents(stripe)) await deliverEvent(team.id, secret, event);
    return { secretKey, team };
  }

  async function expectAllAppliedFirstTime(teamId: string, count: number) {
    const rows = await storedEvents(teamId);
    expect(rows).toHaveLength(count);
    for (const row of rows) expect(row).toMatchObject({ status: 'applied', attempts: 1, lastError: null });
  }

  it('paces Stripe reads by the account\'s token bucket: a burst beyond it waits instead of failing', async () => {
    const previous = process.env.STRIPE_RATE_LIMIT_TEST;
    // The account's bucket is made on its first throttled read, with the rate of that moment.
    process.env.STRIPE_RATE_LIMIT_TEST = '4';
    try {
      const { team } = await queuedCustomers(12);
      const started = Date.now();
      await drainStripeEvents(await getDb(), team.id);
      // 12 reads at 4 a second after a burst of 4: at least two seconds.
      expect(Date.now() - started).toBeGreaterThan(1900);
      await expectAllAppliedFirstTime(team.id, 12);
    } finally {
      if (previous === undefined) delete process.env.STRIPE_RATE_LIMIT_TEST;
      else process.env.STRIPE_RATE_LIMIT_TEST = previous;
    }
  }, 60_000);

  it("waits out Stripe's 429s as long as Retry-After says", async () => {
    const { secretKey, team } = await queuedCustomers(3);
    emulator().injectFaults(secretKey, { count: 2, status: 429, retryAfter: 1 });
    const started = Date.now();
    await drainStripeEvents(await getDb(), team.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    await expectAllAppliedFirstTime(team.id, 3);
  }, 60_000);

  it('retries what Stripe marks Stripe-Should-Retry: true, even a 500, and not a 429 it marks false', async () => {
    const retried = await queuedCustomers(3);
    emulator().injectFaults(retried.secretKey, { count: 2, status: 500, shouldRetry: true });
    await drainStripeEvents(await getDb(), retried.team.id);
    await expectAllAppliedFirstTime(retried.team.id, 3);

    const refused = await queuedCustomers(1);
    emulator().injectFaults(refused.secretKey, { count: 1, status: 429, retryAfter: 0, shouldRetry: false });
    await drainStripeEvents(await getDb(), refused.team.id);
    const [row] = await storedEvents(refused.team.id);
    // The apply failed on the one answer and waits for the queue's own retry.
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('Too many requests'), nextAttemptAt: expect.any(Date) });
  }, 60_000);

  it("loses nothing and applies nothing twice when a worker dies mid-apply", async () => {
    const world = await scene();
    for (const event of world.events) await deliverEvent(world.team.id, world.secret, event);
    const db = await getDb();
    if (process.env.DATABASE_URL) {
      // A real worker, its Stripe reads slowed down, killed with SIGKILL once it holds claims.
      emulator().injectFaults(world.secretKey, { count: 6, delayMs: 3000 });
      const doomed = workerProcess({ BILLSTACK_WORKER_LEASE_MS: '2000' });
      await waitUntil(async () => (await storedEvents(world.team.id)).some((row) => row.status === 'processing'));
      await stopProcess(doomed, 'SIGKILL');
      const survivor = workerProcess();
      try {
        await waitUntil(() => settled(world.team.id));
      } finally {
        await stopProcess(survivor);
      }
    } else {
      // PGlite is one process: a claim taken and never finished is what a dead worker leaves behind.
      process.env.BILLSTACK_WORKER_LEASE_MS = '1';
      const abandoned = await claimDueEvents(db, 5, world.team.id);
      delete process.env.BILLSTACK_WORKER_LEASE_MS;
      expect(abandoned.rows.length).toBeGreaterThan(0);
      await sleep(5);
      await drainStripeEvents(db, world.team.id);
      // The dead worker coming back to life finishes nothing: its claim is no longer the events' claim.
      await applyClaim(db, abandoned);
    }
    const rows = await storedEvents(world.team.id);
    expect(rows.map((row) => row.stripeEventId).sort()).toEqual(world.events.map((event) => event.id).sort());
    for (const row of rows) expect(row.status).toMatch(/^(applied|ignored)$/);
    // The dead worker's claims were taken again once (a second attempt); the rest once.
    expect(rows.filter((row) => row.attempts === 2).length).toBeGreaterThan(0);
    expect(rows.every((row) => row.attempts <= 2)).toBe(true);
    await expectRowsMatchStripe(world);
    await expectHistoryOncePerEvent(world.team.id);
  }, 120_000);
});

describe("the server's worker", () => {
  it('applies what the intake queues without waiting for its next poll, and stops after its round', async () => {
    const previous = process.env.BILLSTACK_WORKER_POLL_MS;
    // A poll far away: only the intake's wake-up can explain a prompt apply.
    process.env.BILLSTACK_WORKER_POLL_MS = '60000';
    const world = await scene(1);
    startWorker(await getDb());
    try {
      for (const event of world.events) await deliverEvent(world.team.id, world.secret, event);
      await waitUntil(() => settled(world.team.id), 30_000);
    } finally {
      await stopWorker();
      if (previous === undefined) delete process.env.BILLSTACK_WORKER_POLL_MS;
      else process.env.BILLSTACK_WORKER_POLL_MS = previous;
    }
    await expectAppliedOnce(world, world.events);
  }, 60_000);
});

describe('replay', () => {
  const replay = (teamId: string, body: unknown, headers = owner.headers) =>
    call(replayRoute.POST, `/api/billstack/teams/${teamId}/webhook-events/replay`, { method: 'POST', params: { teamId }, body, headers });

  it('queues what the intake missed while it was down, and only that', async () => {
    // No intake listens at the registered endpoint: every delivery of this life failed.
    const world = await scene();
    expect(await storedEvents(world.team.id)).toEqual([]);
    const now = emulator().now(world.secretKey);
    const range = { from: new Date((now - 3600) * 1000).toISOString(), to: new Date((now + 60) * 1000).toISOString() };

    // One event did get through before the outage.
    await deliverEvent(world.team.id, world.secret, world.events[0]);
    const res = await replay(world.team.id, range);
    expect(res).toMatchObject({ status: 202, body: { replay: { fetched: world.events.length, queued: world.events.length - 1, alreadyKnown: 1 } } });
    await drainStripeEvents(await getDb(), world.team.id);
    await expectAppliedOnce(world, world.events);

    const again = await replay(world.team.id, range);
    expect(again.body.replay).toMatchObject({ fetched: world.events.length, queued: 0, alreadyKnown: world.events.length });
    const db = await getDb();
    const audited = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, world.team.id), eq(auditEvents.action, 'stripe_events.replayed')));
    expect(audited).toHaveLength(2);
  }, 60_000);

  it('refuses a range it cannot read', async () => {
    const { team } = await connectedTeam(owner, newStripeKey());
    const at = (offsetSeconds: number) => new Date(Date.now() + offsetSeconds * 1000).toISOString();
    expect(await replay(team.id, { from: at(0), to: at(-60) })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/from must be before to/) } });
    expect(await replay(team.id, { from: 'yesterday' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/ISO 8601/) } });
    expect(await replay(team.id, { from: at(-60), extra: 1 })).toMatchObject({ status: 400 });
    expect(await replay(team.id, {})).toMatchObject({ status: 400 });
  });
});
