import { and, eq, inArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { prices, type PendingChange } from '@/db/schema';
import { unlessMissing } from '@/lib/stripe/errors';
import { idOf } from './object';

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
 * A subscription's pending change: the next phase of the schedule that manages it, read from Stripe with the
 * subscription (before any transaction), or null when no schedule does.
 */
export async function pendingChangeOfSubscription(db: Executor, stripe: Stripe, teamId: string, subscription: Stripe.Subscription) {
  const scheduleId = idOf(subscription.schedule);
  const schedule = scheduleId ? await unlessMissing(() => stripe.subscriptionSchedules.retrieve(scheduleId)) : null;
  return schedule ? pendingChangeOf(db, teamId, schedule) : null;
}
