// Subscriptions and their state machine (https://docs.stripe.com/billing/subscriptions/overview):
// incomplete -> active | incomplete_expired (23 hours); trialing -> active; active -> past_due when
// a payment fails -> active when a retry pays, or the account's final action (canceled | unpaid |
// left past_due) after the last retry. Renewals, trial ends, `trial_will_end`, expiring discounts,
// incomplete expiry and scheduled cancellations are "transitions" the billing engine (billing.ts)
// runs when an account's or a test clock's time passes them.
import type Stripe from 'stripe';
import { addIntervals, clockNow, nextPeriodEnd, type Interval } from './clock';
import type { Ctx, Route } from './context';
import { discountEntries, findDiscount, previewDiscount, redeem, resolveDiscounts, type DiscountRequest } from './coupons';
import { liveCustomer, testClockOf } from './customers';
import { invalidRequest, missingParam, resourceMissing } from './errors';
import { emit } from './events';
import { mergeMetadata, type Metadata, type Params } from './form';
import { showBalance } from './customer-balance';
import { pendingItemsFor, storeInvoiceItem } from './invoice-items';
import { billSubscription, collectInvoice, draftSubscriptionInvoice, voidInvoice, type BillingPeriod } from './invoices';
import { chargeError } from './payment-methods';
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
  /** The trial: ends at a time given, or lasts days counted from the subscription's own start. */
  trial: { end: number } | { days: number } | null;
  cancelAtPeriodEnd?: boolean;
  metadata?: Metadata | null;
  description?: string | null;
  discounts: DiscountRequest[];
  checkoutSession?: string;
  /** How the first payment is handled (Stripe's default `allow_incomplete`). */
  paymentBehavior?: PaymentBehavior;
  billingMode?: BillingModeType;
}

export const PAYMENT_BEHAVIORS = ['allow_incomplete', 'default_incomplete', 'error_if_incomplete'] as const;
export type PaymentBehavior = (typeof PAYMENT_BEHAVIORS)[number];
export type BillingModeType = 'classic' | 'flexible';

// Stripe's window for paying the first invoice of an `incomplete` subscription.
const INCOMPLETE_EXPIRY = 23 * 3600;
// `customer.subscription.trial_will_end` comes three days before the trial ends.
const TRIAL_WILL_END_NOTICE = 3 * 86_400;

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

/** One currency always; one interval too, except in flexible billing mode (mixed intervals). */
function assertCompatible(prices: Stripe.Price[], mode: BillingModeType): void {
  const [first] = prices;
  for (const price of prices) {
    if (price.currency !== first.currency) {
      throw invalidRequest('All prices on a subscription must have the same `currency`.', 'items');
    }
    if (mode === 'flexible') continue;
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

function itemCadence(item: Stripe.SubscriptionItem): { interval: Interval; count: number } {
  const recurring = item.price.recurring!;
  return { interval: recurring.interval as Interval, count: recurring.interval_count };
}

/** The period of the item that renews first: the subscription's next billing moment. */
function currentPeriod(sub: Stripe.Subscription): { start: number; end: number } {
  let first = sub.items.data[0];
  for (const item of sub.items.data) if (item.current_period_end < first.current_period_end) first = item;
  return { start: first.current_period_start, end: first.current_period_end };
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
  // Stripe counts trial days from the start it stamps on the subscription: the same `now`, so they are exact.
  const requestedEnd = input.trial === null ? null : 'end' in input.trial ? input.trial.end : now + input.trial.days * 86_400;
  const trialEnd = requestedEnd !== null && requestedEnd > now ? requestedEnd : null;
  const behavior = input.paymentBehavior ?? 'allow_incomplete';
  const mode = input.billingMode ?? 'flexible';
  assertCompatible(input.items.map((item) => item.price), mode);
  const subtotal = input.items.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * item.quantity, 0);
  const dueNow = trialEnd ? 0 : subtotal - previewDiscount(input.discounts, subtotal);
  const declined = dueNow > 0 && behavior !== 'default_incomplete' ? chargeError(account, input.customer) : null;
  // error_if_incomplete refuses before anything exists; the others create the subscription incomplete.
  if (declined && behavior === 'error_if_incomplete') throw declined;
  const awaitingPayment = dueNow > 0 && (declined !== null || behavior === 'default_incomplete');
  const periodFor = (price: Stripe.Price) =>
    trialEnd ?? nextPeriodEnd(now, price.recurring!.interval as Interval, price.recurring!.interval_count, now);
  const id = newId('sub');
  const sub: Stripe.Subscription = {
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: trialEnd ?? now,
    billing_cycle_anchor_config: null,
    billing_mode:
      mode === 'flexible'
        ? { type: 'flexible', flexible: { proration_discounts: 'included' }, updated_at: now }
        : { type: 'classic', flexible: null },
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
      data: input.items.map((item) => newItem(id, item, now, { start: now, end: periodFor(item.price) })),
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
    status: trialEnd ? 'trialing' : awaitingPayment ? 'incomplete' : 'active',
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
  const invoice = billSubscription(ctx, sub, {
    at: now,
    reason: 'subscription_create',
    invoicePeriod: { start: now, end: now },
    linePeriod: currentPeriod(sub),
    trial: trialEnd !== null,
    invoiceId: String(sub.latest_invoice),
  });
  // default_incomplete leaves the invoice unattempted until it is paid (`POST /v1/invoices/:id/pay`).
  if (!(behavior === 'default_incomplete' && awaitingPayment)) collectInvoice(ctx, invoice, now, 'subscription_create');
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
  return requests;
}

/** The trial from `trial_end`, `trial_period_days` or (with `trial_from_plan`) the price's default. */
function trialFrom(body: Params, prices: Stripe.Price[], now: number): NewSubscription['trial'] {
  const end = body.timestamp('trial_end', now);
  if (end !== undefined) return { end };
  const days = body.integer('trial_period_days', { min: 0 }) ??
    (body.boolean('trial_from_plan') ? (prices[0].recurring?.trial_period_days ?? undefined) : undefined);
  return days ? { days } : null;
}

function updateSubscription(ctx: Ctx, sub: Stripe.Subscription, body: Params): Stripe.Subscription {
  const { account } = ctx;
  const now = clockNow(account, testClockOf(sub));
  const before = clone(sub);
  if (sub.schedule && sub.status !== 'canceled' && (body.has('cancel_at_period_end') || body.has('cancel_at'))) {
    throw invalidRequest(
      `The subscription is managed by the subscription schedule \`${String(sub.schedule)}\`, and updating any cancelation behavior directly is not allowed. Please update the schedule instead.`,
    );
  }
  if (sub.status !== 'canceled' && (body.has('items') || body.has('billing_cycle_anchor'))) refuseDeclinedItemUpdate(ctx, sub, body, now);
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

/**
 * The period an item added now runs in: the subscription's current one, or, for a price of another
 * interval (flexible mode), that interval's period around now counted from the billing cycle
 * anchor, so the item renews on the anchor's day and its first charge is prorated to it.
 */
function addedItemPeriod(sub: Stripe.Subscription, price: Stripe.Price, now: number): { start: number; end: number } {
  const { interval, count } = cadence(sub);
  const recurring = price.recurring!;
  if (recurring.interval === interval && recurring.interval_count === count) return currentPeriod(sub);
  const every = recurring.interval as Interval;
  const end = nextPeriodEnd(sub.billing_cycle_anchor, every, recurring.interval_count, now);
  let steps = 0;
  while (addIntervals(sub.billing_cycle_anchor, every, (steps + 1) * recurring.interval_count) < end) steps++;
  return { start: Math.min(addIntervals(sub.billing_cycle_anchor, every, steps * recurring.interval_count), now), end };
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
      items.push(newItem(sub.id, { price, quantity: quantity ?? 1, metadata: change.metadata() ?? undefined }, now, addedItemPeriod(sub, price, now)));
    }
  }
  if (items.length === 0) throw invalidRequest('A subscription must have at least one active plan.', 'items');
  assertCompatible(items.map((item) => item.price), sub.billing_mode.type === 'classic' ? 'classic' : 'flexible');
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

/**
 * `payment_behavior: error_if_incomplete` on an item update: when the invoice the update would cut
 * now is declined, Stripe answers 402 and changes nothing, so the update is tried on a copy first.
 * `pending_if_incomplete` (the update waits in `pending_update` until paid) is not emulated.
 */
export function refuseDeclinedItemUpdate(ctx: Ctx, sub: Stripe.Subscription, body: Params, now: number): void {
  const behavior = body.oneOf('payment_behavior', ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete']);
  if (behavior === 'pending_if_incomplete') throw invalidRequest('The emulator does not emulate payment_behavior=pending_if_incomplete.', 'payment_behavior');
  if (behavior !== 'error_if_incomplete') return;
  const { account } = ctx;
  const trial = clone(sub);
  const update = applyItemUpdate(account, trial, body, now);
  const billing = itemUpdateBilling(trial, update, now);
  if (!billing) return;
  const invoice = draftSubscriptionInvoice(account, trial, billing, [...pendingItemsFor(account, String(sub.customer), sub.id), ...update.prorations]);
  showBalance(account, invoice);
  const declined = invoice.amount_due > 0 ? chargeError(account, findOr404(account, 'customers', String(sub.customer), 'customer')) : null;
  if (declined) throw declined;
}

/** Stores an item update's prorations and cuts its invoice when one is due now. */
export function settleItemUpdate(ctx: Ctx, sub: Stripe.Subscription, update: ItemUpdate, now: number): void {
  for (const item of update.prorations) storeInvoiceItem(ctx, item);
  const billing = itemUpdateBilling(sub, update, now);
  if (billing && collectInvoice(ctx, billSubscription(ctx, sub, billing), now, 'automatic')) sub.status = 'past_due';
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
    if (sub.customer === customer && sub.status !== 'canceled' && sub.status !== 'incomplete_expired') {
      cancelSubscription(ctx, sub, at, 'cancellation_requested');
    }
  }
}

export interface SubscriptionStep {
  sub: Stripe.Subscription;
  step: 'expire_incomplete' | 'trial_will_end' | 'cancel' | 'end_discounts' | 'renew';
  at: number;
}

/**
 * What the subscription does next by itself, if anything. At one moment the order is: the trial
 * notice, a scheduled cancellation, expiring discounts (so they no longer apply to the renewal cut
 * at the same second), then the renewal. The engine asks every subscription at every step: no
 * allocation until one wins.
 */
export function nextSubscriptionStep(account: AccountState, sub: Stripe.Subscription): SubscriptionStep | null {
  let step: SubscriptionStep['step'];
  let at: number;
  if (sub.status === 'incomplete') {
    step = 'expire_incomplete';
    at = sub.created + INCOMPLETE_EXPIRY;
  } else if (sub.status === 'trialing' || sub.status === 'active' || sub.status === 'past_due' || sub.status === 'unpaid') {
    step = 'renew';
    at = currentPeriod(sub).end;
    for (const id of sub.discounts) {
      const end = findDiscount(account, String(id))?.end ?? null;
      if (end !== null && end <= at) [step, at] = ['end_discounts', end];
    }
    if (sub.cancel_at !== null && sub.cancel_at <= at) [step, at] = ['cancel', sub.cancel_at];
    if (sub.status === 'trialing' && sub.trial_end !== null && account.trialWillEndSent[sub.id] !== sub.trial_end) {
      const notice = Math.max(sub.trial_end - TRIAL_WILL_END_NOTICE, sub.trial_start ?? sub.created);
      if (notice <= at) [step, at] = ['trial_will_end', notice];
    }
  } else {
    return null;
  }
  return { sub, step, at };
}

export function runSubscriptionStep(ctx: Ctx, { sub, step, at }: SubscriptionStep): void {
  if (step === 'expire_incomplete') expireIncomplete(ctx, sub, at);
  else if (step === 'trial_will_end') trialWillEnd(ctx, sub, at);
  else if (step === 'cancel') cancelSubscription(ctx, sub, at, 'cancellation_requested');
  else if (step === 'end_discounts') endDiscounts(ctx, sub, at);
  else renew(ctx, sub, at);
}

function trialWillEnd(ctx: Ctx, sub: Stripe.Subscription, at: number): void {
  ctx.account.trialWillEndSent[sub.id] = sub.trial_end!;
  emit(ctx, 'customer.subscription.trial_will_end', sub, { at });
}

/** No payment within 23 hours: terminal, and the first invoice is voided. */
function expireIncomplete(ctx: Ctx, sub: Stripe.Subscription, at: number): void {
  const before = clone(sub);
  const invoice = findOr404(ctx.account, 'invoices', String(sub.latest_invoice));
  if (invoice.status === 'open') voidInvoice(ctx, invoice, at);
  sub.status = 'incomplete_expired';
  sub.ended_at = at;
  emit(ctx, 'customer.subscription.updated', sub, { previous: previousAttributes(before, sub), at });
}

/** Repeating discounts end at `discount.end`: removed from the subscription, as Stripe does. */
function endDiscounts(ctx: Ctx, sub: Stripe.Subscription, at: number): void {
  const before = clone(sub);
  const ended = sub.discounts.map((id) => findDiscount(ctx.account, String(id))).filter((d) => d && d.end !== null && d.end <= at);
  sub.discounts = sub.discounts.filter((id) => !ended.some((d) => d!.id === String(id)));
  for (const discount of ended) emit(ctx, 'customer.discount.deleted', discount!, { at });
  emit(ctx, 'customer.subscription.updated', sub, { previous: previousAttributes(before, sub), at });
}

/**
 * Period rollover: the items whose period ended start their next one and are billed on a draft
 * invoice the billing engine finalizes and charges an hour later. A trial's end makes the
 * subscription `active` right away, as on Stripe; the payment's outcome comes with the charge.
 */
function renew(ctx: Ctx, sub: Stripe.Subscription, at: number): void {
  const before = clone(sub);
  if (sub.status === 'trialing') {
    sub.billing_cycle_anchor = at;
    sub.status = 'active';
  }
  const rolled = sub.items.data.filter((item) => item.current_period_end <= at);
  const ended = { start: Math.min(...rolled.map((item) => item.current_period_start)), end: at };
  for (const item of rolled) {
    const { interval, count } = itemCadence(item);
    item.current_period_start = item.current_period_end;
    item.current_period_end = nextPeriodEnd(sub.billing_cycle_anchor, interval, count, item.current_period_start);
  }
  billSubscription(ctx, sub, {
    at,
    reason: 'subscription_cycle',
    invoicePeriod: ended,
    linePeriod: currentPeriod(sub),
    trial: false,
    itemIds: rolled.map((item) => item.id),
  });
  emit(ctx, 'customer.subscription.updated', sub, { previous: previousAttributes(before, sub), at });
}

/**
 * How the subscription follows a payment attempt on one of its invoices: paying its latest invoice
 * (re)activates it; a failure makes an active one `past_due`; when the last scheduled retry has
 * failed, the account's final action applies (https://docs.stripe.com/billing/revenue-recovery/smart-retries).
 * The invoice itself stays open: Stripe leaves it past due unless told to mark it uncollectible.
 */
export function afterPaymentAttempt(ctx: Ctx, sub: Stripe.Subscription, invoice: Stripe.Invoice, paid: boolean, at: number): void {
  if (sub.status === 'canceled' || sub.status === 'incomplete_expired' || sub.latest_invoice !== invoice.id) return;
  const before = clone(sub);
  if (paid) {
    if (['incomplete', 'past_due', 'unpaid'].includes(sub.status)) sub.status = 'active';
  } else if (sub.status !== 'incomplete') {
    const exhausted = invoice.billing_reason !== 'subscription_create' && invoice.next_payment_attempt === null;
    const finalAction = exhausted ? ctx.account.dunning.finalAction : 'past_due';
    if (finalAction === 'cancel') return cancelSubscription(ctx, sub, at, 'payment_failed');
    sub.status = finalAction;
  }
  const previous = previousAttributes(before, sub);
  if (Object.keys(previous).length > 0) emit(ctx, 'customer.subscription.updated', sub, { previous, at });
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
        trial: trialFrom(req.body, items.map((i) => i.price), now),
        cancelAtPeriodEnd: req.body.boolean('cancel_at_period_end'),
        metadata: req.body.metadata(),
        description: req.body.string('description'),
        discounts: resolveDiscounts(req.account, discountEntries(req.body), now),
        paymentBehavior: req.body.oneOf('payment_behavior', PAYMENT_BEHAVIORS),
        billingMode: req.body.object('billing_mode')?.oneOf('type', ['classic', 'flexible']),
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
