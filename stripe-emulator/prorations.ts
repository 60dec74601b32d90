// Prorations as Stripe computes them (docs.stripe.com/billing/subscriptions/prorations): when an
// item's price or quantity changes mid-period, a credit for the unused time of what was there and
// a charge for the remaining time of what replaces it, to the second, over the item's current
// period. They are invoice items (proration: true, discountable: false) that the next invoice
// sweeps up, or that an invoice cut at once collects (`always_invoice`).
import type Stripe from 'stripe';
import { find, listAll, type AccountState } from './store';
import { buildInvoiceItem } from './invoice-items';

export const PRORATION_BEHAVIORS = ['create_prorations', 'always_invoice', 'none'] as const;
export type ProrationBehavior = (typeof PRORATION_BEHAVIORS)[number];

/** One subscription item before and after a change; null on the side where it does not exist. */
export interface ItemChange {
  before: Stripe.SubscriptionItem | null;
  after: Stripe.SubscriptionItem | null;
}

/** Pairs items by id; unchanged items (same price and quantity) are left out. */
export function itemChanges(before: Stripe.SubscriptionItem[], after: Stripe.SubscriptionItem[]): ItemChange[] {
  const changes: ItemChange[] = [];
  for (const old of before) {
    const now = after.find((item) => item.id === old.id) ?? null;
    if (!now || now.price.id !== old.price.id || (now.quantity ?? 1) !== (old.quantity ?? 1)) changes.push({ before: old, after: now });
  }
  for (const added of after) {
    if (!before.some((item) => item.id === added.id)) changes.push({ before: null, after: added });
  }
  return changes;
}

// "02 Dec 2026", as Stripe writes dates in proration descriptions.
function day(at: number): string {
  const date = new Date(at * 1000);
  const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${String(date.getUTCDate()).padStart(2, '0')} ${month} ${date.getUTCFullYear()}`;
}

/**
 * What the subscription's discounts leave of an amount. Stripe folds the discounts a subscription
 * had into its proration amounts (the items themselves are not discountable); percentage coupons
 * scale, fixed-amount coupons are not spread over prorations here (see the README).
 */
function discountFactor(account: AccountState, sub: Stripe.Subscription, at: number): number {
  let factor = 1;
  for (const id of sub.discounts.map(String)) {
    const discount = find(account, 'discounts', id);
    if (!discount || (discount.end !== null && discount.end <= at)) continue;
    const coupon = find(account, 'coupons', String(discount.source.coupon));
    if (coupon?.percent_off) factor *= 1 - coupon.percent_off / 100;
  }
  return factor;
}

/** The lines of the subscription's latest invoice that charged `item` for its current period. */
function chargedLines(account: AccountState, sub: Stripe.Subscription, item: Stripe.SubscriptionItem): { invoice: string; invoice_line_items: string[] } | null {
  for (const invoice of listAll(account, 'invoices')) {
    if (invoice.parent?.subscription_details?.subscription !== sub.id) continue;
    const lines = invoice.lines.data.filter(
      (line) => line.parent?.subscription_item_details?.subscription_item === item.id && line.period.end === item.current_period_end && line.amount > 0,
    );
    if (lines.length > 0) return { invoice: invoice.id, invoice_line_items: lines.map((line) => line.id) };
  }
  return null;
}

function prorationItem(
  account: AccountState,
  sub: Stripe.Subscription,
  customer: Stripe.Customer,
  item: Stripe.SubscriptionItem,
  kind: 'credit' | 'charge',
  at: number,
): Stripe.InvoiceItem | null {
  const { current_period_start: start, current_period_end: end } = item;
  const from = Math.max(at, start);
  if (from >= end) return null;
  const quantity = item.quantity ?? 1;
  const sign = kind === 'credit' ? -1 : 1;
  const unit = (sign * (item.price.unit_amount ?? 0) * (end - from) * discountFactor(account, sub, at)) / (end - start);
  const product = find(account, 'products', String(item.price.product))?.name ?? 'Product';
  const what = `${quantity === 1 ? '' : `${quantity} × `}${product}`;
  return buildInvoiceItem(account, {
    customer,
    // Rounded once per line, to the nearest minor unit, as Stripe rounds proration amounts.
    amount: Math.round(unit * quantity),
    currency: item.price.currency,
    description: `${kind === 'credit' ? 'Unused' : 'Remaining'} time on ${what} after ${day(from)}`,
    period: { start: from, end },
    price: item.price,
    quantity,
    unitAmountDecimal: Number(unit.toFixed(12)),
    discountable: false,
    proration: true,
    subscription: sub.id,
    subscriptionItem: item.id,
    metadata: {},
    date: at,
    creditedLines: kind === 'credit' ? chargedLines(account, sub, item) : null,
  });
}

/**
 * Proration invoice items for `changes` made at `at` (not stored): per item, the credit for what
 * it was, then the charge for what it became. Nothing while trialing (nothing was paid).
 */
export function prorationItems(
  account: AccountState,
  sub: Stripe.Subscription,
  changes: ItemChange[],
  at: number,
): Stripe.InvoiceItem[] {
  if (sub.status === 'trialing') return [];
  const customer = find(account, 'customers', String(sub.customer));
  if (!customer || customer.deleted) return [];
  return changes.flatMap(({ before, after }) => [
    before ? prorationItem(account, sub, customer, before, 'credit', at) : null,
    after ? prorationItem(account, sub, customer, after, 'charge', at) : null,
  ]).filter((item): item is Stripe.InvoiceItem => item !== null);
}
