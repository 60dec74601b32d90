import type { SubscriptionDiscount, SubscriptionItem } from '@/db/schema';

/** Statuses in which a subscription is paying (trials pay nothing yet; past_due still counts until it ends). */
const payingStatuses = new Set(['active', 'past_due']);

const monthsPerInterval: Record<string, number> = { day: 12 / 365, week: 12 / 52, month: 1, year: 12 };

/** The amount of one billing period, expressed per month. */
export function normalizeToMonthly(amount: number, interval: string, intervalCount: number): number {
  return amount / (monthsPerInterval[interval] * intervalCount);
}

/**
 * Monthly recurring revenue of a subscription state in minor units: items normalised to a month,
 * less a percent discount or an amount discount spread over the billing period; 0 unless paying.
 */
export function monthlyRecurringRevenue(state: { status: string; items: SubscriptionItem[]; discount: SubscriptionDiscount | null }): number {
  if (!payingStatuses.has(state.status)) return 0;
  let monthly = 0;
  let periodMonths = 1;
  for (const item of state.items) {
    if (!item.interval || item.unitAmount === null) continue;
    const count = item.intervalCount ?? 1;
    monthly += normalizeToMonthly(item.unitAmount * item.quantity, item.interval, count);
    periodMonths = monthsPerInterval[item.interval] * count;
  }
  const { discount } = state;
  if (discount?.percentOff) monthly *= 1 - discount.percentOff / 100;
  if (discount?.amountOff) monthly -= discount.amountOff / periodMonths;
  return Math.max(0, Math.round(monthly));
}
