// Subscriptions and their state machine: trialing -> active (-> past_due when a renewal payment
// fails) -> canceled. Renewals, trial ends and scheduled cancellations are "transitions" the
// billing engine (billing.ts) runs when an account's or a test clock's time passes them.
import type Stripe from 'stripe';
import { clockNow, nextPeriodEnd, type Interval } from './clock';
import type { Ctx, Route } from './context';
import { discountEntries, redeem, resolveDiscounts, type DiscountRequest } from './coupons';
import { liveCustomer, testClockOf } from './customers';
import { cardDeclined, invalidRequest, missingParam, resourceMissing } from './errors';
import { emit } from './events';
import { mergeMetadata, type Metadata, type Params } from './form';
import { storeInvoiceItem } from './invoice-items';
import { billSubscription, type BillingPeriod } from './invoices';
import { itemChanges, PRORATION_BEHAVIORS, prorationItems, type ProrationBehavior } from './prorations';
import { clone, findOr404, insert, listAll, newId, paginate, previousAttributes, type AccountState } from './store';

export interface ItemRequest {
  price: Stripe.Price;
  quantity: number;
  metadata?: Metadata;
}

export interface NewSubscription {
  customer: Stripe.Customer;
  items: ItemRequest[];
  trialEnd: number | null;
  cancelAtPeriodEnd?: boolean;
  metadata?: Metadata | null;
  description?: string | null;
  discounts: DiscountRequest[];
  checkoutSession?: string;
}

/** An active recurring price, as subscription items and subscription Checkout need. */
export function recurringPrice(account: AccountState, id: string, param: string): Stripe.Price {
  const price = findOr404(account, 'prices', id, param);
  if (!price.active) throw invalidRequest(`The price specified is inactive. This field only accepts active prices.`, param);
  if (!price.recurring) {
    throw invalidRequest(
      'The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.',
      param,
    );
  }
  return price;
}

function assertCompatible(prices: Stripe.Price[]): void {
  const [first] = prices;
  for (const price of prices) {
    if (price.currency !== first.currency) {
      throw invalidRequest('All prices on a subscription must have the same `currency`.', 'items');
    }
    const a = price.recurring!;
    const b = first.recurring!;
    if (a.interval !== b.interval || a.interval_count !== b.interval_count) {
      throw invalidRequest('All prices on a subscription must have the same `recurring.interval` and `recurring.interval_count`.', 'items');
    }
  }
}

function planFor(price: Stripe.Price): Stripe.Plan {
  const recurring = price.recurring!;
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: recurring.interval,
    interval_count: recurring.interval_count,
    livemode: price.livemode,
    metadata: { ...price.metadata },
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: recurring.trial_period_days,
    usage_type: recurring.usage_type,
  };
}

function newItem(subscription: string, request: ItemRequest, created: number, period: { start: number; end: number }): Stripe.SubscriptionItem {
  return {
    id: newId('si', 14),
    object: 'subscription_item',
    billing_thresholds: null,
    created,
    current_period_end: period.end,
    current_period_start: period.start,
    current_trial: null,
    discounts: [],
    metadata: { ...request.metadata },
    plan: planFor(request.price),
    price: clone(request.price),
    quantity: request.quantity,
    subscription,
    tax_rates: [],
  };
}

function cadence(sub: Stripe.Subscription): { interval: Interval; count: number } {
  const recurring = sub.items.data[0].price.recurring!;
  return { interval: recurring.interval as Interval, count: recurring.interval_count };
}

function currentPeriod(sub: Stripe.Subscription): { start: number; end: number } {
  const item = sub.items.data[0];
  return { start: item.current_period_start, end: item.current_period_end };
}

function setPeriod(sub: Stripe.Subscription, period: { start: number; end: number }): void {
  for (const item of sub.items.data) {
    item.current_period_start = period.start;
    item.current_period_end = period.end;
  }
}

export function createSubscription(ctx: Ctx, input: NewSubscription): Stripe.Subscription {
  const { account } = ctx;
  const testClock = testClockOf(input.customer);
  const now = clockNow(account, testClock);
  const trialEnd = input.trialEnd !== null && input.trialEnd > now ? input.trialEnd : null;
  if (!trialEnd && account.decliningCustomers[input.customer.id]) throw cardDeclined();
  const first = input.items[0].price.recurring!;
  const periodEnd = trialEnd ?? nextPeriodEnd(now, first.interval as Interval, first.interval_count, now);
  const id = newId('sub');
  const sub: Stripe.Subscription = {
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: trialEnd ?? now,
    billing_cycle_anchor_config: null,
    billing_mode: { type: 'classic', flexible: null },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: 'charge_automatically',
    created: now,
    currency: input.items[0].price.currency,
    customer: input.customer.id,
    customer_account: null,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: input.description ?? null,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: 'self' } },
    items: {
      object: 'list',
      data: input.items.map((item) => newItem(id, item, now, { start: now, end: periodEnd })),
      has_more: false,
      url: `/v1/subscription_items?subscription=${id}`,
    },
    latest_invoice: newId('in'),
    livemode: account.livemode,
    managed_payments: null,
    metadata: mergeMetadata({}, input.metadata),
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: trialEnd ? 'trialing' : 'active',
    test_clock: testClock,
    transfer_data: null,
    trial_end: trialEnd,
    trial_settings: { end_behavior: { billing_cycle_anchor: null, missing_payment_method: 'create_invoice' } },
    trial_start: trialEnd ? now : null,
  };
  if (input.cancelAtPeriodEnd) scheduleCancellation(sub, true, now);
  sub.discounts = redeem(
    account,
    input.discounts,
    { customer: input.customer.id, subscription: id, checkoutSession: input.checkoutSession ?? null },
    now,
  );
  insert(account, 'subscriptions', sub);
  emit(ctx, 'customer.subscription.created', sub, { at: now });
  billSubscription(ctx, sub, {
    at: now,
    reason: 'subscription_create',
    invoicePeriod: { start: now, end: now },
    linePeriod: { start: now, end: periodEnd },
    trial: trialEnd !== null,
    invoiceId: String(sub.latest_invoice),
  });
  return sub;
}

function scheduleCancellation(sub: Stripe.Subscription, atPeriodEnd: boolean, now: number): void {
  sub.cancel_at_period_end = atPeriodEnd;
  sub.cancel_at = atPeriodEnd ? currentPeriod(sub).end : null;
  sub.canceled_at = atPeriodEnd ? now : null;
  sub.cancellation_details = {
    comment: sub.cancellation_details?.comment ?? null,
    feedback: sub.cancellation_details?.feedback ?? null,
    feedback_option: null,
    reason: atPeriodEnd ? 'cancellation_requested' : null,
  };
}

function itemRequests(account: AccountState, body: Params): ItemRequest[] {
  const items = body.objects('items');
  if (items.length === 0) throw missingParam('items');
  const requests = items.map((item) => ({
    price: recurringPrice(account, item.requiredString('price'), item.name('price')),
    quantity: item.integer('quantity', { min: 0 }) ?? 1,
    metadata: item.metadata() ?? undefined,
  }));
  assertCompatible(requests.map((r) => r.price));
  return requests;
}

/** Trial end from `trial_end`, `trial_period_days` or (with `trial_from_plan`) the price's default. */
function trialEndFrom(body: Params, prices: Stripe.Price[], now: number): number | null {
  const trialEnd = body.timestamp('trial_end', now);
  if (trialEnd !== undefined) return trialEnd;
  const days = body.integer('trial_period_days', { min: 0 }) ??
    (body.boolean('trial_from_plan') ? (prices[0].recurring?.trial_period_days ?? undefined) : undefined);
  return days ? now + days * 86_400 : null;
}

function updateSubscription(ctx: Ctx, sub: Stripe.Subscription, body: Params): Stripe.Subscription {
  const { account } = ctx;
  const now = clockNow(account, testClockOf(sub));
  const before = clone(sub);
  sub.metadata = mergeMetadata(sub.metadata, body.metadata());
  if (sub.status === 'canceled') {
    if (body.keys().some((k) => !['metadata', 'cancellation_details', 'expand'].includes(k))) {
      throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.');
    }
  } else {
    const description = body.nullableString('description');
    if (description !== undefined) sub.description = description;
    const atPeriodEnd = body.boolean('cancel_at_period_end');
    if (atPeriodEnd !== undefined) scheduleCancellation(sub, atPeriodEnd, now);
    if (body.has('cancel_at')) {
      const cancelAt = body.integer('cancel_at', { min: 0 }) ?? null;
      sub.cancel_at = cancelAt;
      sub.cancel_at_period_end = false;
      sub.canceled_at = cancelAt === null ? null : now;
    }
    if (body.has('items') || body.has('billing_cycle_anchor')) settleItemUpdate(ctx, sub, applyItemUpdate(account, sub, body, now), now);
    if (body.has('discounts') || body.has('coupon') || body.has('promotion_code')) {
      sub.discounts = redeem(account, resolveDiscounts(account, discountEntries(body), now), { customer: String(sub.customer), subscription: sub.id, checkoutSession: null }, now);
    }
    const trialEnd = body.timestamp('trial_end', now);
    if (trialEnd !== undefined && sub.status === 'trialing') {
      sub.trial_end = Math.max(trialEnd, now);
      setPeriod(sub, { start: currentPeriod(sub).start, end: sub.trial_end });
    }
  }
  const previous = previousAttributes(before, sub);
  if (Object.keys(previous).length > 0) emit(ctx, 'customer.subscription.updated', sub, { previous, at: now });
  return sub;
}

/** How an item update is billed, worked out before anything is stored or charged. */
export interface ItemUpdate {
  behavior: ProrationBehavior;
  /** The billing period restarted at the update (`billing_cycle_anchor: now`, or a new interval). */
  resetAnchor: boolean;
  /** Proration invoice items, not stored yet. */
  prorations: Stripe.InvoiceItem[];
}

/** The items after an update's `items[]` (edit by id, `deleted`, or add by price), validated before use. */
function editedItems(account: AccountState, sub: Stripe.Subscription, body: Params, now: number): Stripe.SubscriptionItem[] {
  const items = clone(sub.items.data);
  for (const change of body.objects('items')) {
    const id = change.string('id');
    const existing = id ? items.find((item) => item.id === id) : undefined;
    if (id && !existing) throw resourceMissing('subscription_item', id, change.name('id'));
    const priceId = change.string('price');
    const price = priceId ? recurringPrice(account, priceId, change.name('price')) : undefined;
    const quantity = change.integer('quantity', { min: 0 });
    if (existing && change.boolean('deleted')) {
      items.splice(items.indexOf(existing), 1);
    } else if (existing) {
      if (price) {
        existing.price = clone(price);
        existing.plan = planFor(price);
      }
      if (quantity !== undefined) existing.quantity = quantity;
      existing.metadata = mergeMetadata(existing.metadata, change.metadata());
    } else {
      if (!price) throw missingParam(change.name('price'));
      items.push(newItem(sub.id, { price, quantity: quantity ?? 1, metadata: change.metadata() ?? undefined }, now, currentPeriod(sub)));
    }
  }
  if (items.length === 0) throw invalidRequest('A subscription must have at least one active plan.', 'items');
  assertCompatible(items.map((item) => item.price));
  return items;
}

/** A schedule phase's items replacing the subscription's: an item whose price stays keeps its id. */
export function replacementItems(sub: Stripe.Subscription, requests: ItemRequest[], now: number): Stripe.SubscriptionItem[] {
  const kept = new Set<string>();
  return requests.map((request) => {
    const same = sub.items.data.find((item) => item.price.id === request.price.id && !kept.has(item.id));
    if (!same) return newItem(sub.id, request, now, currentPeriod(sub));
    kept.add(same.id);
    return { ...clone(same), quantity: request.quantity, metadata: { ...same.metadata, ...request.metadata } };
  });
}

/**
 * Puts `items` on `sub` (in place: a preview passes a clone) and works out the prorations of the
 * change at `at`. A new interval restarts the billing period now, as Stripe does; so does
 * `resetAnchor` (`billing_cycle_anchor: now`). A restart credits the unused time of the old items
 * and bills the new ones for a whole period on an invoice cut at once.
 */
export function changeItems(
  account: AccountState,
  sub: Stripe.Subscription,
  items: Stripe.SubscriptionItem[],
  options: { behavior: ProrationBehavior; at: number; now: number; resetAnchor: boolean },
): ItemUpdate {
  const before = sub.items.data;
  const old = cadence(sub);
  sub.items = { ...sub.items, data: items };
  const { interval, count } = cadence(sub);
  const resetAnchor = sub.status !== 'trialing' && (options.resetAnchor || interval !== old.interval || count !== old.count);
  const changes = resetAnchor ? before.map((item) => ({ before: item, after: null })) : itemChanges(before, items);
  const prorations = options.behavior === 'none' ? [] : prorationItems(account, sub, changes, options.at);
  if (resetAnchor) {
    sub.billing_cycle_anchor = options.now;
    setPeriod(sub, { start: options.now, end: nextPeriodEnd(options.now, interval, count, options.now) });
  }
  return { behavior: options.behavior, resetAnchor, prorations };
}

/** An update's `items`, `billing_cycle_anchor`, `proration_behavior` and `proration_date`, applied to `sub` in place. */
export function applyItemUpdate(account: AccountState, sub: Stripe.Subscription, body: Params, now: number): ItemUpdate {
  const behavior = body.oneOf('proration_behavior', PRORATION_BEHAVIORS) ?? 'create_prorations';
  const at = body.integer('proration_date', { min: 0 }) ?? now;
  // API 2026-10-28: `billing_cycle_anchor[type]`, no longer a bare string.
  const anchorSpec = body.object('billing_cycle_anchor');
  if (anchorSpec && !anchorSpec.has('type')) throw missingParam(anchorSpec.name('type'));
  const anchor = anchorSpec?.oneOf('type', ['now', 'unchanged']) ?? 'unchanged';
  const items = body.has('items') ? editedItems(account, sub, body, now) : sub.items.data;
  return changeItems(account, sub, items, { behavior, at, now, resetAnchor: anchor === 'now' });
}

/** The invoice an item update cuts at once, if any: a restarted period, or `always_invoice` prorations. */
export function itemUpdateBilling(sub: Stripe.Subscription, update: ItemUpdate, now: number): BillingPeriod | null {
  if (!update.resetAnchor && (update.behavior !== 'always_invoice' || update.prorations.length === 0)) return null;
  return {
    at: now,
    reason: 'subscription_update',
    invoicePeriod: { start: now, end: now },
    linePeriod: currentPeriod(sub),
    trial: false,
    pendingItemsOnly: !update.resetAnchor,
  };
}

/** Stores an item update's prorations and cuts its invoice when one is due now. */
export function settleItemUpdate(ctx: Ctx, sub: Stripe.Subscription, update: ItemUpdate, now: number): void {
  for (const item of update.prorations) storeInvoiceItem(ctx, item);
  const billing = itemUpdateBilling(sub, update, now);
  if (billing && !billSubscription(ctx, sub, billing)) sub.status = 'past_due';
}

export function cancelSubscription(ctx: Ctx, sub: Stripe.Subscription, at: number, reason: Stripe.Subscription.CancellationDetails.Reason): void {
  sub.status = 'canceled';
  sub.canceled_at = sub.canceled_at ?? at;
  sub.ended_at = at;
  sub.cancel_at = sub.cancel_at !== null && sub.cancel_at <= at ? sub.cancel_at : null;
  sub.cancellation_details = { ...(sub.cancellation_details ?? { comment: null, feedback: null, feedback_option: null }), reason };
  emit(ctx, 'customer.subscription.deleted', sub, { at });
}

/** Deleting a customer cancels its subscriptions immediately, as on Stripe. */
export function cancelSubscriptionsOf(ctx: Ctx, customer: string, at: number): void {
  for (const sub of listAll(ctx.account, 'subscriptions')) {
    if (sub.customer === customer && sub.status !== 'canceled') cancelSubscription(ctx, sub, at, 'cancellation_requested');
  }
}

/** When the subscription next changes by itself (renewal, trial end, scheduled cancel), if ever. */
export function nextTransitionAt(sub: Stripe.Subscription): number | null {
  if (!['trialing', 'active', 'past_due'].includes(sub.status)) return null;
  const periodEnd = currentPeriod(sub).end;
  return sub.cancel_at !== null ? Math.min(sub.cancel_at, periodEnd) : periodEnd;
}

/** Runs the subscription's next transition; `ctx` is an automatic (request-less) context. */
export function runTransition(ctx: Ctx, sub: Stripe.Subscription): void {
  const at = nextTransitionAt(sub);
  if (at === null) return;
  if (sub.cancel_at !== null && sub.cancel_at <= at) {
    cancelSubscription(ctx, sub, sub.cancel_at, 'cancellation_requested');
    return;
  }
  const before = clone(sub);
  const ended = currentPeriod(sub);
  const { interval, count } = cadence(sub);
  if (sub.status === 'trialing') sub.billing_cycle_anchor = ended.end;
  const next = { start: ended.end, end: nextPeriodEnd(sub.billing_cycle_anchor, interval, count, ended.end) };
  setPeriod(sub, next);
  const paid = billSubscription(ctx, sub, {
    at,
    reason: 'subscription_cycle',
    invoicePeriod: ended,
    linePeriod: next,
    trial: false,
  });
  sub.status = paid ? 'active' : 'past_due';
  emit(ctx, 'customer.subscription.updated', sub, { previous: previousAttributes(before, sub), at });
}

export const subscriptionRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/subscriptions',
    handler: (req) => {
      const customer = liveCustomer(req.account, req.body.requiredString('customer'));
      const items = itemRequests(req.account, req.body);
      const now = clockNow(req.account, testClockOf(customer));
      return createSubscription(req, {
        customer,
        items,
        trialEnd: trialEndFrom(req.body, items.map((i) => i.price), now),
        cancelAtPeriodEnd: req.body.boolean('cancel_at_period_end'),
        metadata: req.body.metadata(),
        description: req.body.string('description'),
        discounts: resolveDiscounts(req.account, discountEntries(req.body), now),
      });
    },
  },
  {
    method: 'GET',
    path: '/v1/subscriptions/:id',
    handler: ({ account, params }) => findOr404(account, 'subscriptions', params.id),
  },
  {
    method: 'POST',
    path: '/v1/subscriptions/:id',
    handler: (req) => updateSubscription(req, findOr404(req.account, 'subscriptions', req.params.id), req.body),
  },
  {
    method: 'DELETE',
    path: '/v1/subscriptions/:id',
    handler: (req) => {
      const sub = findOr404(req.account, 'subscriptions', req.params.id);
      if (sub.status === 'canceled') {
        throw invalidRequest(`This subscription has already been canceled: ${sub.id}`, 'id');
      }
      const details = req.body.object('cancellation_details');
      if (details) {
        sub.cancellation_details = {
          comment: details.nullableString('comment') ?? null,
          feedback: details.oneOf('feedback', ['customer_service', 'low_quality', 'missing_features', 'other', 'switched_service', 'too_complex', 'too_expensive', 'unused']) ?? null,
          feedback_option: null,
          reason: null,
        };
      }
      cancelSubscription(req, sub, clockNow(req.account, testClockOf(sub)), 'cancellation_requested');
      return sub;
    },
  },
  {
    method: 'GET',
    path: '/v1/subscriptions',
    handler: ({ account, body }) => {
      const customer = body.string('customer');
      const status = body.string('status');
      const price = body.string('price');
      const testClock = body.string('test_clock');
      const subs = listAll(account, 'subscriptions').filter(
        (sub) =>
          (!customer || sub.customer === customer) &&
          (status === 'all' || (status ? sub.status === status : sub.status !== 'canceled')) &&
          (!price || sub.items.data.some((item) => item.price.id === price)) &&
          (!testClock || sub.test_clock === testClock),
      );
      return paginate(subs, body, '/v1/subscriptions');
    },
  },
  {
    method: 'GET',
    path: '/v1/subscription_items/:id',
    handler: ({ account, params }) => {
      const item = listAll(account, 'subscriptions')
        .flatMap((sub) => sub.items.data)
        .find((i) => i.id === params.id);
      if (!item) throw resourceMissing('subscription_item', params.id);
      return item;
    },
  },
  {
    method: 'GET',
    path: '/v1/subscription_items',
    handler: ({ account, body }) => {
      const subscription = body.requiredString('subscription');
      const sub = findOr404(account, 'subscriptions', subscription, 'subscription');
      return paginate(sub.items.data, body, `/v1/subscription_items?subscription=${subscription}`);
    },
  },
];
