import { z } from 'zod';
import type { Database } from '@/db/client';
import { stripeEvents } from '@/db/schema';
import { recordAudit, type ActorContext } from '@/lib/audit/service';
import { isoTime } from '@/lib/http/respond';
import { throttledStripeForTeam, webhookEvents } from '@/lib/stripe/connection';
import { callStripe } from '@/lib/stripe/errors';
import { wakeWorker } from '@/lib/worker/wake';
import { storedEventRow } from './intake';
import { stripeEventEnvelope, type StripeEventEnvelope } from './schemas';

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with an offset' }).transform((value) => new Date(value));

/** `{from, to?}`: ISO 8601 date-times (Stripe keeps 30 days of events); `to` defaults to now. */
export const replayBody = z
  .object({ from: instant, to: instant.optional() })
  .strict()
  .transform(({ from, to }) => ({ from, to: to ?? new Date() }))
  .refine(({ from, to }) => from < to, { error: 'from must be before to', path: ['from'] });

const subscribed = new Set<string>(webhookEvents);
const insertChunk = 500;

/**
 * Recovery after the intake missed deliveries (it was down, or Stripe gave up): reads Stripe's event log for the
 * range and queues the events BillStack listens to and never stored. The worker applies them like deliveries.
 */
export async function replayStripeEvents(db: Database, actor: ActorContext, { from, to }: { from: Date; to: Date }) {
  const teamId = actor.teamId;
  const { stripe, connection } = await throttledStripeForTeam(db, teamId);
  const created = { gte: Math.floor(from.getTime() / 1000), lte: Math.floor(to.getTime() / 1000) };
  const events = await callStripe(async () => {
    const listed: StripeEventEnvelope[] = [];
    for await (const event of stripe.events.list({ created, limit: 100 })) {
      if (!subscribed.has(event.type)) continue;
      const parsed = stripeEventEnvelope.safeParse(event);
      if (parsed.success) listed.push(parsed.data);
    }
    return listed;
  });
  let queued = 0;
  for (let start = 0; start < events.length; start += insertChunk) {
    const inserted = await db
      .insert(stripeEvents)
      .values(
        events.slice(start, start + insertChunk).map((event) => storedEventRow(teamId, event)),
      )
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    queued += inserted.length;
  }
  await recordAudit(db, actor, { action: 'stripe_events.replayed', target: { type: 'stripeAccount', id: connection.accountId } });
  if (queued > 0) wakeWorker();
  return { from: isoTime(from), to: isoTime(to), fetched: events.length, queued, alreadyKnown: events.length - queued };
}
