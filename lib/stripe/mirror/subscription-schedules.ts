import { and, eq, inArray, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { prices, subscriptions, type PendingChange, type Subscription } from '@/db/schema';
import { unlessMissing } from '@/lib/stripe/errors';
import { applied, idOf, ignored, type ApplyResult, type MirrorContext } from './object';

// A schedule that no longer runs changes nothing more; one that runs has a pending change while a phase
// after the current one exists (BillStack's own schedules have exactly one: the change at period end).
const runningStatuses = new Set(['not_started', 'active']);

/** The schedule's next phase in BillStack's shape (our price ids), or null when nothing is pending. */
export async function pendingChangeOf(db: Executor, teamId: string, schedule: Stripe.SubscriptionSchedule): Promise<PendingChange | null> {
  if (!runningStatuses.has(schedule.status)) return null;
  const current = schedule.current_phase;
  const next = current ? schedule.phases.find((phase) => phase.start_date === current.end_date) : schedule.phases[0];
  if (!next) return null;
  const stripePriceIds = next.items.map((item) => idOf(item.price)!);
  const known = await db
    .select({ id: prices.id, stripePriceId: prices.stripePriceId })
    .from(prices)
    .where(and(eq(prices.teamId, teamId), inArray(prices.stripePriceId, stripePriceIds)));
  const ours = new Map(known.map((price) => [price.stripePriceId, price.id]));
  return {
    stripeScheduleId: schedule.id,
    items: next.items.map((item) => {
      const stripePriceId = idOf(item.price)!;
      return { priceId: ours.get(stripePriceId) ?? null, stripePriceId, quantity: item.quantity ?? 1 };
    }),
    effectiveAt: new Date(next.start_date * 1000).toISOString(),
  };
}

/**
 * Writes the schedule's pending change on its subscription's row (one UPDATE: no transaction, no Stripe
 * call). A released or canceled schedule clears it, but only if it is still the one the row shows, so that
 * the late event of a replaced schedule does not erase its successor's change.
 */
export async function writePendingChange(db: Executor, teamId: string, schedule: Stripe.SubscriptionSchedule): Promise<Subscription | null> {
  const stripeSubscriptionId = idOf(schedule.subscription) ?? idOf(schedule.released_subscription);
  if (!stripeSubscriptionId) return null;
  const pendingChange = await pendingChangeOf(db, teamId, schedule);
  const ofSubscription = and(eq(subscriptions.teamId, teamId), eq(subscriptions.stripeSubscriptionId, stripeSubscriptionId));
  const [row] = await db
    .update(subscriptions)
    .set({ pendingChange })
    .where(pendingChange ? ofSubscription : and(ofSubscription, sql`${subscriptions.pendingChange}->>'stripeScheduleId' = ${schedule.id}`))
    .returning();
  return row ?? null;
}

/** `subscription_schedule.*` events: the schedule's current state, re-read from Stripe, onto its subscription. */
export async function applySubscriptionSchedule({ db, stripe, teamId }: MirrorContext, scheduleId: string): Promise<ApplyResult> {
  const schedule = await unlessMissing(() => stripe.subscriptionSchedules.retrieve(scheduleId));
  if (!schedule) return ignored('the subscription schedule no longer exists in Stripe');
  const row = await writePendingChange(db, teamId, schedule);
  return row ? applied : ignored("no row to write: BillStack lacks the subscription, or its row shows another schedule's change");
}
