import { describe, expect, it } from 'vitest';
import type { SubscriptionDiscount, SubscriptionItem } from '@/db/schema';
import { churnKind, monthlyRecurringRevenue, movementType, normalizeToMonthly } from '@/lib/analytics/definitions';

const at = new Date('2026-06-15T00:00:00Z');

function item(unitAmount: number | null, interval: string | null, { quantity = 1, intervalCount = 1, usageType = 'licensed' } = {}): SubscriptionItem {
  return {
    stripeItemId: 'si_test',
    priceId: null,
    stripePriceId: 'price_test',
    quantity,
    unitAmount,
    currency: 'usd',
    interval,
    intervalCount: interval ? intervalCount : null,
    usageType: interval ? usageType : null,
  };
}

function discount(values: Partial<SubscriptionDiscount>): SubscriptionDiscount {
  return { couponId: 'co_test', percentOff: null, amountOff: null, currency: null, duration: 'forever', end: null, ...values };
}

const mrr = (items: SubscriptionItem[], discounts: SubscriptionDiscount[] = [], status = 'active') =>
  monthlyRecurringRevenue({ status, items, discounts }, at);

describe('a subscription MRR', () => {
  it('normalises each interval to a month: year / 12, week * 52 / 12, day * 365 / 12, divided by interval_count', () => {
    expect(normalizeToMonthly(12000, 'year', 1)).toBe(1000);
    expect(normalizeToMonthly(1200, 'week', 1)).toBe(5200);
    expect(normalizeToMonthly(120, 'day', 1)).toBe(3650);
    expect(normalizeToMonthly(3000, 'month', 3)).toBe(1000);
    expect(mrr([item(12000, 'year')])).toBe(1000);
    expect(mrr([item(1000, 'week')])).toBe(4333); // 1000 * 52 / 12 = 4333.33
    expect(mrr([item(100, 'day')])).toBe(3042); // 100 * 365 / 12 = 3041.67
    expect(mrr([item(2900, 'month', { intervalCount: 3 })])).toBe(967); // 966.67
  });

  it('multiplies by quantity and adds items, each on its own interval, rounding once per subscription', () => {
    expect(mrr([item(2900, 'month', { quantity: 3 })])).toBe(8700);
    // 1000 / 3 + 1000 / 3 = 666.67 -> 667 (rounding each item would give 666)
    expect(mrr([item(1000, 'month', { intervalCount: 3 }), item(4000, 'year')])).toBe(667);
  });

  it('leaves out one-time and metered prices', () => {
    expect(mrr([item(5000, null), item(700, 'month', { usageType: 'metered' }), item(2900, 'month')])).toBe(2900);
  });

  it('counts active and past_due only', () => {
    const items = [item(2900, 'month')];
    expect(mrr(items, [], 'active')).toBe(2900);
    expect(mrr(items, [], 'past_due')).toBe(2900);
    for (const status of ['trialing', 'incomplete', 'incomplete_expired', 'unpaid', 'paused', 'canceled']) expect(mrr(items, [], status)).toBe(0);
  });

  it('takes percent and amount discounts while in force, an amount spread over its item period', () => {
    expect(mrr([item(2900, 'month')], [discount({ percentOff: 25 })])).toBe(2175);
    expect(mrr([item(2900, 'month')], [discount({ amountOff: 500 })])).toBe(2400);
    // 12,000 a year less 1,200 a year: (12000 - 1200) / 12
    expect(mrr([item(12000, 'year')], [discount({ amountOff: 1200 })])).toBe(900);
    // a 3-month price, 300 off each quarter: (3000 - 300) / 3
    expect(mrr([item(3000, 'month', { intervalCount: 3 })], [discount({ amountOff: 300 })])).toBe(900);
    // repeating until after `at` is in force; ended before `at` is not
    expect(mrr([item(2900, 'month')], [discount({ duration: 'repeating', percentOff: 50, end: '2026-07-01T00:00:00.000Z' })])).toBe(1450);
    expect(mrr([item(2900, 'month')], [discount({ duration: 'repeating', percentOff: 50, end: '2026-06-01T00:00:00.000Z' })])).toBe(2900);
    // a once coupon is not recurring
    expect(mrr([item(2900, 'month')], [discount({ duration: 'once', percentOff: 50 })])).toBe(2900);
    // several discounts in Stripe's order; never below 0
    expect(mrr([item(2000, 'month')], [discount({ percentOff: 50 }), discount({ amountOff: 300 })])).toBe(700);
    expect(mrr([item(2900, 'month')], [discount({ amountOff: 5000 })])).toBe(0);
  });
});

describe('movement types', () => {
  it('names a customer MRR change by where it starts and ends', () => {
    expect(movementType(0, 2900, false)).toBe('new');
    expect(movementType(0, 2900, true)).toBe('reactivation');
    expect(movementType(2900, 5800, true)).toBe('expansion');
    expect(movementType(5800, 2900, true)).toBe('contraction');
    expect(movementType(2900, 0, true)).toBe('churned');
  });

  it('tells delinquent from voluntary churn by Stripe cancellation reason', () => {
    expect(churnKind({ status: 'canceled', cancellationReason: 'payment_failed' })).toBe('delinquent');
    expect(churnKind({ status: 'canceled', cancellationReason: 'payment_disputed' })).toBe('delinquent');
    expect(churnKind({ status: 'unpaid', cancellationReason: null })).toBe('delinquent');
    expect(churnKind({ status: 'canceled', cancellationReason: 'cancellation_requested' })).toBe('voluntary');
    expect(churnKind({ status: 'canceled', cancellationReason: null })).toBe('voluntary');
  });
});
