import { and, asc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import Stripe from 'stripe';
import type { Database } from '@/db/client';
import { stripeEvents, type StripeEventRow } from '@/db/schema';
import type { ApplyResult } from '@/lib/stripe/mirror/object';
import { throttledStripeForTeam } from '@/lib/stripe/connection';
import { applyStripeEvents } from '@/lib/webhooks/apply';
import { stripeEventEnvelope, type StripeEventEnvelope } from '@/lib/webhooks/schemas';
import { log } from '@/lib/log';

function positiveEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

const settings = () => ({
  // Objects applied at once by one worker; the account's token bucket paces their Stripe reads.
  concurrency: positiveEnv('BILLSTACK_WORKER_CONCURRENCY', 8),
  // A claim outlives any apply; past it the worker is taken for dead and the events are claimed again.
  leaseMs: positiveEnv('BILLSTACK_WORKER_LEASE_MS', 120_000),
  // Applies before an event is left `failed` (the dead letter), backing off from 10 s up to an hour between them.
  maxAttempts: positiveEnv('BILLSTACK_WEBHOOK_MAX_ATTEMPTS', 10),
});

/** Due: queued or waiting for a retry whose time has come, or claimed by a worker whose lease ran out. */
const due: SQL = or(
  and(eq(stripeEvents.status, 'pending'), or(isNull(stripeEvents.nextAttemptAt), lte(stripeEvents.nextAttemptAt, sql`now()`))),
  and(eq(stripeEvents.status, 'processing'), lt(stripeEvents.lockedUntil, sql`now()`)),
)!;

/** Exponential, from 10 s to an hour, with jitter so that events failing together do not retry together. */
export function retryDelayMs(attempts: number): number {
  const ceiling = Math.min(60 * 60_000, 10_000 * 2 ** Math.max(0, attempts - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

export interface Claim {
  rows: StripeEventRow[];
  lockedUntil: Date;
}

/**
 * Claims due events in one short transaction: the oldest due ones, with every other due event of their objects,
 * so that one read applies them all. `SKIP LOCKED` lets workers in several processes claim side by side without
 * waiting on each other or claiming the same event; the lease marks the claim for the rest of the fleet.
 */
export async function claimDueEvents(db: Database, limit: number, teamId?: string): Promise<Claim> {
  const lockedUntil = new Date(Date.now() + settings().leaseMs);
  const rows = await db.transaction(async (tx) => {
    const heads = await tx
      .select({ id: stripeEvents.id, teamId: stripeEvents.teamId, objectId: stripeEvents.objectId })
      .from(stripeEvents)
      .where(teamId ? and(due, eq(stripeEvents.teamId, teamId)) : due)
      .orderBy(asc(stripeEvents.stripeCreatedAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (heads.length === 0) return [];
    const ids = new Set(heads.map((head) => head.id));
    const objects = heads.filter((head) => head.objectId !== null);
    if (objects.length > 0) {
      const siblings = await tx
        .select({ id: stripeEvents.id })
        .from(stripeEvents)
        .where(and(due, or(...objects.map((head) => and(eq(stripeEvents.teamId, head.teamId), eq(stripeEvents.objectId, head.objectId!))))))
        .for('update', { skipLocked: true });
      for (const { id } of siblings) ids.add(id);
    }
    return tx
      .update(stripeEvents)
      .set({ status: 'processing', lockedUntil, attempts: sql`${stripeEvents.attempts} + 1` })
      .where(inArray(stripeEvents.id, [...ids]))
      .returning();
  });
  return { rows, lockedUntil };
}

/** Writes the outcome of claimed events, unless their claim expired meanwhile (another worker owns them now). */
async function finish(db: Database, rows: StripeEventRow[], lockedUntil: Date, values: Partial<typeof stripeEvents.$inferInsert>) {
  await db
    .update(stripeEvents)
    .set({ ...values, lockedUntil: null })
    .where(
      and(
        inArray(
          stripeEvents.id,
          rows.map((row) => row.id),
        ),
        eq(stripeEvents.status, 'processing'),
        eq(stripeEvents.lockedUntil, lockedUntil),
      ),
    );
}

/**
 * The project whose rows the apply changed, for the per-project webhook log: the mirror handlers' results
 * carry it where they know it (`projectId` on ApplyResult); null otherwise.
 */
function projectOf(result: ApplyResult): string | null {
  return 'projectId' in result && typeof result.projectId === 'string' ? result.projectId : null;
}

/**
 * Why an event cannot be applied as it is: one rendered in another API version than the SDK's has other
 * shapes (periods on the subscription, invoices' `subscription`...), and reading it would write wrong rows.
 */
function versionRefusal(row: StripeEventRow): string | null {
  const version = (row.payload as StripeEventEnvelope).api_version;
  if (!version || version === Stripe.API_VERSION) return null;
  return `event api_version ${version} differs from BillStack's ${Stripe.API_VERSION}; re-pin the endpoint by reconnecting Stripe`;
}

/** Applies the claimed events of one object with one re-read of it, and records the outcome on each. */
async function applyObject(db: Database, rows: StripeEventRow[], lockedUntil: Date): Promise<void> {
  const applicable: StripeEventRow[] = [];
  for (const row of rows) {
    const refusal = versionRefusal(row);
    // Failed for good: retrying cannot change the version it was rendered in.
    if (refusal) await finish(db, [row], lockedUntil, { status: 'failed', lastError: refusal, nextAttemptAt: null });
    else applicable.push(row);
  }
  if (applicable.length === 0) return;
  const { teamId } = applicable[0];
  try {
    const { stripe } = await throttledStripeForTeam(db, teamId);
    const events = applicable.map((row) => stripeEventEnvelope.parse(row.payload));
    const result = await applyStripeEvents({ db, stripe, teamId, events });
    await finish(db, applicable, lockedUntil, {
      status: result.status,
      lastError: result.status === 'ignored' ? result.reason : null,
      projectId: projectOf(result),
      appliedAt: new Date(),
      nextAttemptAt: null,
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    log.error({ events: applicable.map((row) => row.stripeEventId) }, `stripe events failed to apply: ${message}`);
    const { maxAttempts } = settings();
    // Claimed together, they share the failure; each keeps its own count of attempts.
    for (const row of applicable) {
      const dead = row.attempts >= maxAttempts;
      await finish(db, [row], lockedUntil, {
        status: dead ? 'failed' : 'pending',
        lastError: message,
        nextAttemptAt: dead ? null : new Date(Date.now() + retryDelayMs(row.attempts)),
      });
    }
  }
}

/** Groups claimed rows by object, oldest event first; events of no object stand alone. */
function byObject(rows: StripeEventRow[]): StripeEventRow[][] {
  const groups = new Map<string, StripeEventRow[]>();
  const sorted = [...rows].sort((a, b) => a.stripeCreatedAt.getTime() - b.stripeCreatedAt.getTime() || a.id.localeCompare(b.id));
  for (const row of sorted) {
    const key = row.objectId === null ? row.id : `${row.teamId}:${row.objectId}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()];
}

/** Applies the objects of one claim, `concurrency` at a time. */
export async function applyClaim(db: Database, { rows, lockedUntil }: Claim): Promise<void> {
  const groups = byObject(rows);
  const next = () => groups.shift();
  await Promise.all(
    Array.from({ length: settings().concurrency }, async () => {
      for (let group = next(); group; group = next()) await applyObject(db, group, lockedUntil);
    }),
  );
}

/**
 * The worker task: claims one batch of due events and applies it; answers how many events it claimed. `teamId`
 * keeps to one team's events (tests: each test file has its own emulator, and on PostgreSQL one database).
 */
export async function applyDueStripeEvents(db: Database, teamId?: string): Promise<number> {
  const claim = await claimDueEvents(db, settings().concurrency * 4, teamId);
  await applyClaim(db, claim);
  return claim.rows.length;
}

/** Applies batches until nothing is due (events waiting for a later retry stay); answers how many it claimed. */
export async function drainStripeEvents(db: Database, teamId?: string): Promise<number> {
  let total = 0;
  for (let claimed = await applyDueStripeEvents(db, teamId); claimed > 0; claimed = await applyDueStripeEvents(db, teamId)) total += claimed;
  return total;
}
