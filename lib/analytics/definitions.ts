import { churnKinds, mrrMovementTypes, type SubscriptionDiscount, type SubscriptionItem } from '@/db/schema';

/**
 * The analytics definitions, in one place: the live path (a history row's `mrr`, written as the event is
 * applied) and `rebuildAnalytics` both call these, so a fix here is a rebuild, not lost history.
 */

/** Statuses whose subscription pays: a trial pays nothing yet, and past_due still counts until dunning ends it. */
export const payingStatuses: ReadonlySet<string> = new Set(['active', 'past_due']);

// A month in each Stripe interval as an exact fraction [numerator, denominator], so one rounding happens at the end.
const monthlyFactor: Record<string, [number, number]> = { day: [365, 12], week: [52, 12], month: [1, 1], year: [1, 12] };

/** The amount of one billing period (`interval_count` intervals long), expressed per month. */
export function normalizeToMonthly(amount: number, interval: string, intervalCount: number): number {
  const [numerator, denominator] = monthlyFactor[interval];
  return (amount * numerator) / (denominator * intervalCount);
}

/** An item is recurring revenue when its price recurs and is licensed (metered usage is not known ahead). */
function isRecurringItem(item: SubscriptionItem): item is SubscriptionItem & { interval: string; unitAmount: number } {
  return item.interval !== null && item.unitAmount !== null && item.usageType !== 'metered';
}

/**
 * A discount reduces MRR while it is in force: `forever`, or `repeating` until its `end`. A `once` coupon
 * takes one invoice and is not recurring.
 */
export function discountInForce(discount: SubscriptionDiscount, at: Date): boolean {
  if (discount.duration === 'once') return false;
  return discount.end === null || new Date(discount.end).getTime() > at.getTime();
}

export interface MrrState {
  status: string;
  items: SubscriptionItem[];
  discounts: SubscriptionDiscount[];
}

/**
 * Monthly recurring revenue of a subscription state at time `at`, in minor units: each recurring item's
 * unit amount × quantity on its own interval normalised to a month, less the discounts in force at `at`
 * in Stripe's order (a percent off the running total; an amount off spread over the billing period of the
 * items it discounts), never below 0, rounded once per subscription; 0 unless the status pays.
 */
export function monthlyRecurringRevenue(state: MrrState, at: Date): number {
  if (!payingStatuses.has(state.status)) return 0;
  const recurring = state.items.filter(isRecurringItem);
  if (recurring.length === 0) return 0;
  let monthly = recurring.reduce(
    (sum, item) => sum + normalizeToMonthly(item.unitAmount * item.quantity, item.interval, item.intervalCount ?? 1),
    0,
  );
  // Stripe bills all items of a subscription on one period; the first recurring item's is that period.
  const [first] = recurring;
  for (const discount of state.discounts) {
    if (!discountInForce(discount, at)) continue;
    if (discount.percentOff) monthly -= (monthly * discount.percentOff) / 100;
    if (discount.amountOff) monthly -= normalizeToMonthly(discount.amountOff, first.interval, first.intervalCount ?? 1);
  }
  return Math.max(0, Math.round(monthly));
}

export type MovementType = (typeof mrrMovementTypes)[number];

/**
 * The kind of a change of a customer's MRR (in one currency) from `before` to `after`: from 0 it is new the
 * first time ever and a reactivation after that; to 0 it is churn; otherwise expansion or contraction.
 */
export function movementType(before: number, after: number, hadMrrBefore: boolean): MovementType {
  if (before === 0) return hadMrrBefore ? 'reactivation' : 'new';
  if (after === 0) return 'churned';
  return after > before ? 'expansion' : 'contraction';
}

export type ChurnKind = (typeof churnKinds)[number];

/**
 * Why a subscription stopped paying, from the reason Stripe records (`cancellation_details.reason`): ended by
 * failed payments (dunning, a dispute) or left `unpaid` by them is delinquent; anything else was asked for.
 */
export function churnKind(state: { status: string; cancellationReason: string | null }): ChurnKind {
  if (state.cancellationReason === 'payment_failed' || state.cancellationReason === 'payment_disputed') return 'delinquent';
  return state.status === 'unpaid' ? 'delinquent' : 'voluntary';
}
