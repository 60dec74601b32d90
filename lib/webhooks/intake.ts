import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { NextRequest } from 'next/server';
import Stripe from 'stripe';
import type { Database } from '@/db/client';
import { preparedFor } from '@/db/prepared';
import { stripeEvents, type StripeConnection } from '@/db/schema';
import { readBodyText, stripeIntakeBodyLimit } from '@/lib/http/body-limit';
import { clientIp } from '@/lib/http/client-ip';
import { BadRequest, PayloadTooLarge } from '@/lib/http/errors';
import { newId } from '@/lib/http/ids';
import { limitFailures } from '@/lib/rate-limit/limits';
import { findConnection, webhookSecretOf } from '@/lib/stripe/connection';
import { wakeWorker } from '@/lib/worker/wake';
import { stripeEventEnvelope, type StripeEventEnvelope } from './schemas';

const toleranceSeconds = 300;

/** The intake's answer: the event is in the queue (`queued`), or was already (`duplicate`). */
export type Receipt = { received: true; eventId: string; status: 'queued' | 'duplicate' };

const connectionTtlMs = 30_000;

/** The team's connection as the intake caches it, with its endpoint secret once decrypted. */
export interface IntakeConnection {
  connection: StripeConnection;
  webhookSecret?: string;
}

const connections = new Map<string, IntakeConnection & { until: number }>();

/**
 * The team's Stripe connection for the intake, kept for 30 s with its decrypted endpoint secret: a query and a
 * decryption per delivery would be most of the intake's cost. A reconnect's new secret is picked up when the
 * cached one fails (see verifyTeamEvent); a disconnected team's events may still be queued for the 30 s, and then
 * fail in the worker like any event it cannot read.
 */
export async function intakeConnection(db: Database, teamId: string, fresh = false): Promise<IntakeConnection | null> {
  const cached = connections.get(teamId);
  if (!fresh && cached && cached.until > Date.now()) return cached;
  const connection = await findConnection(db, teamId);
  if (!connection) {
    connections.delete(teamId);
    return null;
  }
  const entry = { connection, until: Date.now() + connectionTtlMs };
  connections.set(teamId, entry);
  return entry;
}

/** Verifies with the cached connection's secret, and once more with the stored one if that changed meanwhile. */
export async function verifyTeamEvent(db: Database, cached: IntakeConnection, rawBody: string, signature: string) {
  try {
    return await verifyStripeEvent(cached, rawBody, signature);
  } catch (error) {
    const stored = await intakeConnection(db, cached.connection.teamId, true);
    if (!stored || stored.connection.webhookSecretEncrypted === cached.connection.webhookSecretEncrypted) throw error;
    return verifyStripeEvent(stored, rawBody, signature);
  }
}

/** Checks the signature over the raw body with the team's endpoint secret; 400 on any failure (a secret that does not decrypt too). */
async function verifyStripeEvent(cached: IntakeConnection, rawBody: string, signature: string): Promise<StripeEventEnvelope> {
  let event: unknown;
  try {
    cached.webhookSecret ??= webhookSecretOf(cached.connection);
    // The SDK compares signatures in constant time and enforces the timestamp tolerance.
    event = await Stripe.webhooks.constructEventAsync(rawBody, signature, cached.webhookSecret, toleranceSeconds);
  } catch (error) {
    throw new BadRequest(`Invalid Stripe signature: ${(error as Error).message}`, 'invalid_stripe_signature');
  }
  const parsed = stripeEventEnvelope.safeParse(event);
  if (!parsed.success) throw new BadRequest('Unrecognised Stripe event payload');
  return parsed.data;
}

/** The row a verified Stripe event is stored as, queued (the intake's and the replay's). */
export function storedEventRow(teamId: string, event: StripeEventEnvelope) {
  return {
    id: newId('webhookEvent'),
    teamId,
    stripeEventId: event.id,
    type: event.type,
    objectId: event.data.object.id ?? null,
    stripeCreatedAt: new Date(event.created * 1000),
    payload: event,
  };
}

// Built once: every delivery only executes them with its own values (see db/prepared.ts).
const insertEvent = preparedFor((db) =>
  db
    .insert(stripeEvents)
    .values({
      id: sql.placeholder('id'),
      teamId: sql.placeholder('teamId'),
      stripeEventId: sql.placeholder('stripeEventId'),
      type: sql.placeholder('type'),
      objectId: sql.placeholder('objectId'),
      stripeCreatedAt: sql.placeholder('stripeCreatedAt'),
      payload: sql.placeholder('payload'),
    })
    .onConflictDoNothing()
    .returning({ id: stripeEvents.id })
    .prepare('queue_stripe_event'),
);

// The row as it was before this update, to tell a dead letter (requeued) from any other state.
const before = alias(stripeEvents, 'before');
const wasFailed = sql`${before.status} = 'failed'`;
const countDuplicate = preparedFor((db) =>
  db
    .update(stripeEvents)
    .set({
      duplicates: sql`${stripeEvents.duplicates} + 1`,
      status: sql`case when ${wasFailed} then 'pending' else ${stripeEvents.status} end`,
      nextAttemptAt: sql`case when ${wasFailed} then null else ${stripeEvents.nextAttemptAt} end`,
    })
    .from(before)
    .where(and(eq(before.id, stripeEvents.id), eq(stripeEvents.teamId, sql.placeholder('teamId')), eq(stripeEvents.stripeEventId, sql.placeholder('stripeEventId'))))
    .returning({ previous: before.status })
    .prepare('count_stripe_event_duplicate'),
);

/**
 * Stores a verified event once (unique on its Stripe id) for the worker to apply; nothing else happens on the
 * request. A redelivery counts as a duplicate, except that of an event given up on (`failed`): Stripe trying
 * again is a reason for BillStack to try again too, so it is queued anew.
 */
export async function queueStripeEvent(db: Database, teamId: string, event: StripeEventEnvelope): Promise<Receipt> {
  const [stored] = await insertEvent(db).execute(storedEventRow(teamId, event));
  if (stored) {
    wakeWorker();
    return { received: true, eventId: event.id, status: 'queued' };
  }
  const [updated] = await countDuplicate(db).execute({ teamId, stripeEventId: event.id });
  if (updated?.previous !== 'failed') return { received: true, eventId: event.id, status: 'duplicate' };
  wakeWorker();
  return { received: true, eventId: event.id, status: 'queued' };
}

/**
 * A delivery from Stripe to the team's intake: it only verifies and stores, and the worker applies the event
 * (lib/worker), so Stripe gets its 200 in milliseconds. What is cheap to refuse (an announced size over the
 * limit, an unknown team, no signature) is refused before the body is read.
 */
export async function receiveStripeDelivery(db: Database, req: NextRequest, teamId: string): Promise<Receipt> {
  if (Number(req.headers.get('content-length') ?? NaN) > stripeIntakeBodyLimit) throw new PayloadTooLarge(stripeIntakeBodyLimit);
  const event = await limitFailures('intakeFailures', clientIp(req), async () => {
    const connection = await intakeConnection(db, teamId);
    if (!connection) throw new BadRequest('Stripe is not connected for this team', 'stripe_not_connected');
    const signature = req.headers.get('stripe-signature');
    if (!signature) throw new BadRequest('Missing Stripe-Signature header', 'invalid_stripe_signature');
    return verifyTeamEvent(db, connection, await readBodyText(req, stripeIntakeBodyLimit), signature);
  });
  return queueStripeEvent(db, teamId, event);
}
