import { and, eq, lte, or, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import type { Database } from '@/db/client';
import { stripeEvents, type StripeEventRow } from '@/db/schema';
import { BadRequest } from '@/lib/http/errors';
import { newId } from '@/lib/http/ids';
import { findConnection, stripeForTeam, webhookSecretOf } from '@/lib/stripe/connection';
import type { ApplyResult } from '@/lib/stripe/mirror/object';
import { applyStripeEvent } from './apply';
import { stripeEventEnvelope, type StripeEventEnvelope } from './schemas';

const toleranceSeconds = 300;
const retryBatch = 10;
// An event still pending after this long was abandoned mid-apply (a crash): it is retried.
const abandonedAfterMs = 5 * 60_000;

export type Receipt =
  | { received: true; eventId: string; result: 'applied' | 'duplicate' | 'in_progress' }
  | { received: true; eventId: string; result: 'ignored'; reason: string }
  | { received: true; eventId: string; result: 'failed'; error: string };

/** Checks the signature over the raw body with the team's endpoint secret; 400 on any failure. */
export async function verifyStripeEvent(db: Database, teamId: string, rawBody: string, signature: string | null): Promise<StripeEventEnvelope> {
  const connection = await findConnection(db, teamId);
  if (!connection) throw new BadRequest('Stripe is not connected for this team');
  if (!signature) throw new BadRequest('Missing Stripe-Signature header');
  let event: unknown;
  try {
    // The SDK compares signatures in constant time and enforces the timestamp tolerance.
    event = await Stripe.webhooks.constructEventAsync(rawBody, signature, webhookSecretOf(connection), toleranceSeconds);
  } catch (error) {
    throw new BadRequest(`Invalid Stripe signature: ${(error as Error).message}`);
  }
  const parsed = stripeEventEnvelope.safeParse(event);
  if (!parsed.success) throw new BadRequest('Unrecognised Stripe event payload');
  return parsed.data;
}

function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 2 ** attempts * 10_000);
}

/**
 * Why an event cannot be applied as it is: one rendered in another API version than the SDK's has other
 * shapes (periods on the subscription, invoices' `subscription`...), and reading it would write wrong rows.
 */
function versionRefusal(event: StripeEventEnvelope): string | null {
  if (!event.api_version || event.api_version === Stripe.API_VERSION) return null;
  return `event api_version ${event.api_version} differs from BillStack's ${Stripe.API_VERSION}; re-pin the endpoint by reconnecting Stripe`;
}

async function applyStored(db: Database, row: StripeEventRow, event: StripeEventEnvelope): Promise<Receipt> {
  const refusal = versionRefusal(event);
  if (refusal) {
    // Failed for good: no retry date, so the sweep never applies it, and a redelivery is refused again.
    await db
      .update(stripeEvents)
      .set({ status: 'failed', attempts: sql`${stripeEvents.attempts} + 1`, lastError: refusal, nextAttemptAt: null })
      .where(eq(stripeEvents.id, row.id));
    return { received: true, eventId: row.stripeEventId, result: 'failed', error: refusal };
  }
  const { stripe } = await stripeForTeam(db, row.teamId);
  let result: ApplyResult;
  try {
    result = await applyStripeEvent({ db, stripe, teamId: row.teamId, event });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(stripeEvents)
      .set({
        status: 'failed',
        attempts: sql`${stripeEvents.attempts} + 1`,
        lastError: message.slice(0, 2000),
        nextAttemptAt: new Date(Date.now() + backoffMs(row.attempts + 1)),
      })
      .where(eq(stripeEvents.id, row.id));
    console.error(`stripe event ${row.stripeEventId} (${row.type}) failed to apply`, error);
    return { received: true, eventId: row.stripeEventId, result: 'failed', error: message };
  }
  await db
    .update(stripeEvents)
    .set({
      status: result.status,
      projectId: result.projectId,
      attempts: sql`${stripeEvents.attempts} + 1`,
      lastError: result.status === 'ignored' ? result.reason : null,
      appliedAt: new Date(),
      nextAttemptAt: null,
    })
    .where(eq(stripeEvents.id, row.id));
  return result.status === 'applied'
    ? { received: true, eventId: row.stripeEventId, result: 'applied' }
    : { received: true, eventId: row.stripeEventId, result: 'ignored', reason: result.reason };
}

/**
 * Stores a verified event once (unique on its Stripe id) and applies it. A redelivery of an event
 * already applied changes nothing; one that failed before is applied again.
 */
export async function receiveStripeEvent(db: Database, teamId: string, event: StripeEventEnvelope): Promise<Receipt> {
  const [stored] = await db
    .insert(stripeEvents)
    .values({
      id: newId('webhookEvent'),
      teamId,
      stripeEventId: event.id,
      type: event.type,
      objectId: event.data.object.id ?? null,
      stripeCreatedAt: new Date(event.created * 1000),
      payload: event,
    })
    .onConflictDoNothing()
    .returning();
  if (stored) return applyStored(db, stored, event);
  const [existing] = await db
    .select()
    .from(stripeEvents)
    .where(and(eq(stripeEvents.teamId, teamId), eq(stripeEvents.stripeEventId, event.id)))
    .limit(1);
  if (existing.status === 'failed') return applyStored(db, existing, event);
  return { received: true, eventId: event.id, result: existing.status === 'pending' ? 'in_progress' : 'duplicate' };
}

const sweeps = new Map<string, number>();
const sweepInterval = 30_000;

/**
 * Starts a retry sweep for the team unless this process ran one in the last 30 s, so the sweep's query
 * does not follow every webhook on the intake's hot path. It runs off the request, logging failures.
 */
export function sweepDueEvents(db: Database, teamId: string, now = Date.now()) {
  if (now - (sweeps.get(teamId) ?? 0) < sweepInterval) return;
  sweeps.set(teamId, now);
  retryDueEvents(db, teamId).catch((error) => console.error(`retrying Stripe events of ${teamId} failed`, error));
}

/** Applies the team's failed events that are due again, and abandoned ones; returns their receipts. */
export async function retryDueEvents(db: Database, teamId: string, limit = retryBatch): Promise<Receipt[]> {
  const now = new Date();
  const due = await db
    .select()
    .from(stripeEvents)
    .where(
      and(
        eq(stripeEvents.teamId, teamId),
        or(
          and(eq(stripeEvents.status, 'failed'), lte(stripeEvents.nextAttemptAt, now)),
          and(eq(stripeEvents.status, 'pending'), lte(stripeEvents.receivedAt, new Date(now.getTime() - abandonedAfterMs))),
        ),
      ),
    )
    .orderBy(stripeEvents.stripeCreatedAt)
    .limit(limit);
  const receipts: Receipt[] = [];
  for (const row of due) receipts.push(await applyStoredEvent(db, row));
  return receipts;
}

/** Applies a stored event from its stored payload: the sweep's retries and a retry asked for in the webhook log. */
export function applyStoredEvent(db: Database, row: StripeEventRow): Promise<Receipt> {
  return applyStored(db, row, stripeEventEnvelope.parse(row.payload));
}
