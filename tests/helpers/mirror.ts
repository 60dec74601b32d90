import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { expect } from 'vitest';
import { getDb } from '@/db/client';
import { subscriptions, type Subscription } from '@/db/schema';

const time = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

/** What BillStack mirrors of a subscription, in one shape for our row and Stripe's object. */
function mirroredFields(subscription: Stripe.Subscription) {
  const [first] = subscription.items.data;
  return {
    stripeSubscriptionId: subscription.id,
    status: subscription.status,
    items: subscription.items.data.map((item) => ({ stripeItemId: item.id, stripePriceId: item.price.id, quantity: item.quantity ?? 1 })),
    currentPeriodStart: time(first?.current_period_start),
    currentPeriodEnd: time(first?.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    canceledAt: time(subscription.canceled_at),
    endedAt: time(subscription.ended_at),
    cancellationReason: subscription.cancellation_details?.reason ?? null,
  };
}

function rowFields(row: Subscription) {
  return {
    stripeSubscriptionId: row.stripeSubscriptionId,
    status: row.status,
    items: row.items.map((item) => ({ stripeItemId: item.stripeItemId, stripePriceId: item.stripePriceId, quantity: item.quantity })),
    currentPeriodStart: row.currentPeriodStart,
    currentPeriodEnd: row.currentPeriodEnd,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    canceledAt: row.canceledAt,
    endedAt: row.endedAt,
    cancellationReason: row.cancellationReason,
  };
}

/**
 * Every subscription row of the team equals Stripe's subscription now (status, items, period, cancellation), and
 * every subscription in Stripe has its row: call it once the emulator is idle.
 */
export async function expectRowsMatchStripe(world: { team: { id: string }; stripe: Stripe }) {
  const inStripe: Stripe.Subscription[] = [];
  for await (const subscription of world.stripe.subscriptions.list({ status: 'all', limit: 100 })) inStripe.push(subscription);
  const db = await getDb();
  const rows = await db.select().from(subscriptions).where(eq(subscriptions.teamId, world.team.id));
  const byId = (a: { stripeSubscriptionId: string }, b: { stripeSubscriptionId: string }) => a.stripeSubscriptionId.localeCompare(b.stripeSubscriptionId);
  expect(rows.map(rowFields).sort(byId)).toEqual(inStripe.map(mirroredFields).sort(byId));
}
