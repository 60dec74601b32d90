import { and, count, desc, eq, gt, gte, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { stripeConnections, stripeEvents, subscriptions, type StripeEventRow } from '@/db/schema';
import { recordAudit, type ActorContext } from '@/lib/audit/service';
import { Conflict, NotFound } from '@/lib/http/errors';
import { isId } from '@/lib/http/ids';
import { isoTime } from '@/lib/http/respond';
import { findConnection, stripeNotConnected } from '@/lib/stripe/connection';
import { wakeWorker } from '@/lib/worker/wake';
import type { ListWebhookEventsQuery } from './log-schemas';

export function webhookEventView(event: StripeEventRow) {
  return {
    id: event.id,
    stripeEventId: event.stripeEventId,
    type: event.type,
    objectId: event.objectId,
    projectId: event.projectId,
    status: event.status,
    attempts: event.attempts,
    lastError: event.lastError,
    receivedAt: isoTime(event.receivedAt),
    appliedAt: isoTime(event.appliedAt),
  };
}
export type WebhookEventView = ReturnType<typeof webhookEventView>;

export const webhookEventDetail = (event: StripeEventRow) => ({ ...webhookEventView(event), payload: event.payload });

/** A team's stored Stripe events, newest first by arrival; `projectId` keeps those applied to one of its projects. */
export async function listWebhookEvents(
  db: Executor,
  { teamId, projectId, status, type, objectId, limit, offset }: { teamId: string; projectId?: string } & ListWebhookEventsQuery,
) {
  const filters: SQL[] = [eq(stripeEvents.teamId, teamId)];
  if (projectId) filters.push(eq(stripeEvents.projectId, projectId));
  if (status) filters.push(eq(stripeEvents.status, status));
  if (type) filters.push(eq(stripeEvents.type, type));
  if (objectId) filters.push(eq(stripeEvents.objectId, objectId));
  const where = and(...filters);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(stripeEvents).where(where).orderBy(desc(stripeEvents.receivedAt), desc(stripeEvents.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(stripeEvents).where(where),
  ]);
  return { events: rows.map(webhookEventView), total };
}

/** One of the team's events; another team's id does not exist here. */
export async function getWebhookEvent(db: Executor, { teamId, eventId }: { teamId: string; eventId: string }): Promise<StripeEventRow> {
  const [row] = isId('webhookEvent', eventId)
    ? await db.select().from(stripeEvents).where(and(eq(stripeEvents.teamId, teamId), eq(stripeEvents.id, eventId))).limit(1)
    : [];
  if (!row) throw new NotFound('Webhook event not found');
  return row;
}

// An event queued or being applied is already on its way; an applied one has nothing left to do.
const retryable = ['failed', 'ignored'] as const;

/**
 * Queues a failed or ignored event again (due now) and records who asked; the worker applies it (this process's
 * at once, others at their next poll). The answer is the queued event.
 */
export async function retryWebhookEvent(db: Database, { actor, eventId }: { actor: ActorContext; eventId: string }) {
  const teamId = actor.teamId;
  const event = await getWebhookEvent(db, { teamId, eventId });
  // Refused before anything changes: without a connection the apply cannot read Stripe.
  if (!(await findConnection(db, teamId))) throw stripeNotConnected();
  const queued = await db.transaction(async (tx) => {
    // Conditional, so two retries at once queue the event once.
    const [row] = await tx
      .update(stripeEvents)
      .set({ status: 'pending', nextAttemptAt: sql`now()` })
      .where(and(eq(stripeEvents.teamId, teamId), eq(stripeEvents.id, event.id), inArray(stripeEvents.status, retryable)))
      .returning();
    if (!row) return null;
    await recordAudit(tx, actor, { action: 'webhook_event.retried', target: { type: 'webhookEvent', id: row.id } });
    return row;
  });
  if (!queued) throw new Conflict(`The event is ${event.status}; only failed or ignored events can be retried`);
  wakeWorker();
  return getWebhookEvent(db, { teamId, eventId });
}

/** Events whose last apply failed, received in the window, that make the dashboard warn. */
export const failingThreshold = 3;
const dayMs = 86_400_000;
const liveSubscriptionStatuses = ['active', 'trialing', 'past_due'];

/**
 * Whether the team's webhooks need attention: `failing` counts events received in the last 24 hours whose last
 * apply failed (dead ones, and those waiting for a retry after a failure); `silentSince` is set when no event has
 * arrived for a day (counted from the connection when none ever came) while the team has live subscriptions,
 * which Stripe's renewals would have announced.
 */
export async function webhookHealth(db: Executor, teamId: string, now = new Date()) {
  const dayAgo = new Date(now.getTime() - dayMs);
  const [[failing], [latest], [connection], [live]] = await Promise.all([
    db
      .select({ n: count() })
      .from(stripeEvents)
      .where(
        and(
          eq(stripeEvents.teamId, teamId),
          gte(stripeEvents.receivedAt, dayAgo),
          or(eq(stripeEvents.status, 'failed'), and(eq(stripeEvents.status, 'pending'), gt(stripeEvents.attempts, 0))),
        ),
      ),
    db.select({ at: sql<Date | null>`max(${stripeEvents.receivedAt})`.mapWith(stripeEvents.receivedAt) }).from(stripeEvents).where(eq(stripeEvents.teamId, teamId)),
    db.select({ at: stripeConnections.connectedAt }).from(stripeConnections).where(eq(stripeConnections.teamId, teamId)),
    db
      .select({ n: count() })
      .from(subscriptions)
      .where(and(eq(subscriptions.teamId, teamId), inArray(subscriptions.status, liveSubscriptionStatuses))),
  ]);
  const lastHeard = latest?.at ?? connection?.at ?? null;
  const silent = connection !== undefined && live.n > 0 && lastHeard !== null && lastHeard < dayAgo;
  return { failing: failing.n >= failingThreshold ? failing.n : 0, silentSince: silent ? lastHeard : null };
}
