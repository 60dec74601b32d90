// Subscription invoices and their lifecycle (charge_automatically): draft -> open (finalized) ->
// paid, or open with retries on the account's dunning schedule, or void. Each step has the event
// Stripe sends: https://docs.stripe.com/invoicing/integration/workflow-transitions
import type Stripe from 'stripe';
import { clockNow } from './clock';
import type { Ctx, Route } from './context';
import { applyDiscounts, isOnceDiscount } from './coupons';
import { testClockOf } from './customers';
import { invalidRequest, type StripeApiError } from './errors';
import { emit } from './events';
import { applyCustomerBalance } from './customer-balance';
import { attachInvoiceItems, invoiceItemLine, pendingItemsFor } from './invoice-items';
import { chargeError } from './payment-methods';
import { clone, find, findOr404, insert, listAll, newId, paginate, previousAttributes, wireDecimal, type AccountState } from './store';
import { afterPaymentAttempt } from './subscriptions';
import { recordInvoicePayment } from './payments';

export interface BillingPeriod {
  /** When the invoice is cut (simulated time). */
  at: number;
  reason: 'subscription_create' | 'subscription_cycle' | 'subscription_update';
  /** Invoice period: what Stripe reports as the period just billed in arrears (`at`..`at` on create). */
  invoicePeriod: { start: number; end: number };
  /** Service period the line items cover. */
  linePeriod: { start: number; end: number };
  /** Trial invoices are for zero. */
  trial: boolean;
  /** Set when the subscription already points at the invoice about to be cut. */
  invoiceId?: string;
  /**
   * Only these items (a flexible-mode renewal bills the items whose period rolled over), each line
   * covering its item's own current period; default: every item, over `linePeriod`.
   */
  itemIds?: string[];
  /** Only the pending invoice items (prorations of an update invoiced at once), no service period. */
  pendingItemsOnly?: boolean;
}

function line(
  sub: Stripe.Subscription,
  item: Stripe.SubscriptionItem,
  invoiceId: string,
  productName: string,
  billing: BillingPeriod,
): Stripe.InvoiceLineItem {
  const quantity = item.quantity ?? 1;
  const unitAmount = billing.trial ? 0 : (item.price.unit_amount ?? 0);
  const amount = unitAmount * quantity;
  const recurring = item.price.recurring;
  const every = recurring ? ` / ${recurring.interval_count > 1 ? `${recurring.interval_count} ` : ''}${recurring.interval}` : '';
  const unit = `${(unitAmount / 100).toFixed(2)} ${item.price.currency.toUpperCase()}`;
  return {
    id: newId('il'),
    object: 'line_item',
    amount,
    currency: item.price.currency,
    description: billing.trial ? `Trial period for ${productName}` : `${quantity} × ${productName} (at ${unit}${every})`,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoiceId,
    livemode: sub.livemode,
    metadata: {},
    parent: {
      type: 'subscription_item_details',
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null,
        proration: false,
        proration_details: { credited_items: null },
        subscription: sub.id,
        subscription_item: item.id,
      },
    },
    period: billing.itemIds ? { start: item.current_period_start, end: item.current_period_end } : { ...billing.linePeriod },
    pretax_credit_amounts: [],
    pricing: {
      type: 'price_details',
      price_details: { price: item.price.id, product: String(item.price.product) },
      unit_amount_decimal: wireDecimal(unitAmount),
    },
    quantity,
    quantity_decimal: wireDecimal(quantity),
    subscription: sub.id,
    subtotal: amount,
    taxes: [],
  };
}

/**
 * The invoice a billing would cut, neither stored nor charged: `billSubscription` issues it and
 * `POST /v1/invoices/create_preview` shows it. Pending invoice items become lines after the
 * items' own; discounts apply to discountable lines only (prorations already include them).
 */
export function draftSubscriptionInvoice(
  account: AccountState,
  sub: Stripe.Subscription,
  billing: BillingPeriod,
  pendingItems: Stripe.InvoiceItem[],
  id = billing.invoiceId ?? newId('in'),
): Stripe.Invoice {
  const customer = findOr404(account, 'customers', String(sub.customer), 'customer');
  const billed = billing.itemIds ? sub.items.data.filter((item) => billing.itemIds!.includes(item.id)) : sub.items.data;
  const periodLines = billing.pendingItemsOnly
    ? []
    : billed.map((item) => line(sub, item, id, find(account, 'products', String(item.price.product))?.name ?? 'Product', billing));
  const lines = [...periodLines, ...pendingItems.map((item) => invoiceItemLine(account, item, id))];
  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0);
  const discountable = lines.filter((l) => l.discountable).reduce((sum, l) => sum + l.amount, 0);
  const discountIds = sub.discounts.map(String);
  const applied = applyDiscounts(account, discountIds, Math.max(discountable, 0), billing.at);
  const total = subtotal - applied.reduce((sum, d) => sum + d.amount, 0);
  // A negative total (more credit than charge) is due as zero.
  const due = Math.max(total, 0);
  const live = customer.deleted ? null : customer;
  return {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: null,
    account_tax_ids: null,
    amount_due: due,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: due,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: billing.reason,
    collection_method: 'charge_automatically',
    created: billing.at,
    currency: sub.currency,
    custom_fields: null,
    customer: customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: live?.email ?? null,
    customer_name: live?.name ?? null,
    customer_phone: live?.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: applied.map((d) => d.discount),
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: account.livemode,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { metadata: { ...sub.metadata }, subscription: sub.id },
    },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: billing.invoicePeriod.end,
    period_start: billing.invoicePeriod.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal,
    subtotal_excluding_tax: subtotal,
    test_clock: sub.test_clock,
    total,
    total_discount_amounts: applied,
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: billing.at,
  };
}

// Stripe leaves a subscription's renewal invoice a draft for about an hour before finalizing it
// (https://docs.stripe.com/billing/subscriptions/webhooks#understand).
export const RENEWAL_FINALIZE_DELAY = 3600;

/**
 * Cuts the subscription's invoice for a period: sets `latest_invoice` and drops `once` discounts.
 * A renewal (`subscription_cycle`) stays a draft that the billing engine finalizes and charges an
 * hour later; any other invoice is finalized at once and left for the caller to collect
 * (`collectInvoice`), since creating a subscription decides whether to attempt payment at all.
 */
export function billSubscription(ctx: Ctx, sub: Stripe.Subscription, billing: BillingPeriod): Stripe.Invoice {
  const { account } = ctx;
  const customer = findOr404(account, 'customers', String(sub.customer), 'customer');
  const invoice = draftSubscriptionInvoice(account, sub, billing, pendingItemsFor(account, customer.id, sub.id));
  insert(account, 'invoices', invoice);
  attachInvoiceItems(account, invoice);
  sub.latest_invoice = invoice.id;
  sub.discounts = sub.discounts.filter((d) => !isOnceDiscount(account, String(d)));
  if (billing.reason === 'subscription_cycle') invoice.automatically_finalizes_at = billing.at + RENEWAL_FINALIZE_DELAY;
  reschedule(account, invoice);
  emit(ctx, 'invoice.created', invoice, { at: billing.at });
  if (billing.reason !== 'subscription_cycle') finalizeInvoice(ctx, invoice, billing.at);
  return invoice;
}

/** draft -> open: the invoice gets its number and its hosted page and PDF. */
export function finalizeInvoice(ctx: Ctx, invoice: Stripe.Invoice, at: number): void {
  const customer = findOr404(ctx.account, 'customers', String(invoice.customer), 'customer');
  invoice.status = 'open';
  invoice.automatically_finalizes_at = null;
  reschedule(ctx.account, invoice);
  invoice.effective_at = at;
  applyCustomerBalance(ctx, invoice, at);
  invoice.status_transitions.finalized_at = at;
  invoice.hosted_invoice_url = `${ctx.runtime.origin}/invoice/${invoice.id}`;
  invoice.invoice_pdf = `${ctx.runtime.origin}/invoice/${invoice.id}/pdf`;
  if (!customer.deleted) {
    invoice.number = `${customer.invoice_prefix}-${String(customer.next_invoice_sequence ?? 1).padStart(4, '0')}`;
    customer.next_invoice_sequence = (customer.next_invoice_sequence ?? 1) + 1;
  }
  emit(ctx, 'invoice.finalized', invoice, { at });
}

export type CollectionAttempt =
  /** The billing engine's own attempt (first charge of a renewal, or a scheduled retry). */
  | 'automatic'
  /** The first charge of a new subscription: Stripe does not retry it, the subscription expires instead. */
  | 'subscription_create'
  /** `POST /v1/invoices/:id/pay`: does not move the retry schedule. */
  | 'manual';

/**
 * Charges an open invoice; returns the decline (null when paid). A failed automatic attempt
 * schedules the next retry from the account's dunning settings, or none after the last.
 */
export function collectInvoice(ctx: Ctx, invoice: Stripe.Invoice, at: number, attempt: CollectionAttempt): StripeApiError | null {
  const { account } = ctx;
  const declined = invoice.amount_remaining === 0 ? null : chargeError(account, findOr404(account, 'customers', String(invoice.customer), 'customer'));
  if (!declined) {
    if (invoice.amount_remaining > 0) recordInvoicePayment(ctx, invoice, invoice.amount_remaining, at);
    invoice.status = 'paid';
    invoice.attempted = invoice.attempted || invoice.amount_remaining > 0;
    invoice.attempt_count += invoice.amount_remaining > 0 ? 1 : 0;
    invoice.auto_advance = false;
    invoice.next_payment_attempt = null;
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.status_transitions.paid_at = at;
    reschedule(account, invoice);
    emit(ctx, 'invoice.paid', invoice, { at });
    emit(ctx, 'invoice.payment_succeeded', invoice, { at });
    return null;
  }
  const before = clone(invoice);
  invoice.attempted = true;
  invoice.attempt_count += 1;
  if (attempt === 'automatic') {
    // attempt_count includes the first charge: retry n follows attempt n.
    const days = account.dunning.retryDays[invoice.attempt_count - 1];
    invoice.next_payment_attempt = days === undefined ? null : at + days * 86_400;
    reschedule(account, invoice);
  }
  emit(ctx, 'invoice.payment_failed', invoice, { at });
  emit(ctx, 'invoice.updated', invoice, { previous: previousAttributes(before, invoice), at });
  return declined;
}

/** open -> void: nothing is owed any more; Stripe keeps the amounts for the record. */
export function voidInvoice(ctx: Ctx, invoice: Stripe.Invoice, at: number): void {
  invoice.status = 'void';
  invoice.auto_advance = false;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.voided_at = at;
  reschedule(ctx.account, invoice);
  emit(ctx, 'invoice.voided', invoice, { at });
}

/** When the invoice next changes by itself: a draft's finalization or a scheduled retry. */
function nextInvoiceTransitionAt(invoice: Stripe.Invoice): number | null {
  if (invoice.status === 'draft') return invoice.automatically_finalizes_at;
  if (invoice.status === 'open') return invoice.next_payment_attempt;
  return null;
}

// The billing engine's agenda: invoices with a pending automatic step and when, so that it need not
// scan every invoice at every step. Built from the stored invoices on first use (a loaded state file
// included) and kept current by `reschedule`, which every change of those fields here goes through.
const agendas = new WeakMap<AccountState, Map<string, number>>();

function agenda(account: AccountState): Map<string, number> {
  let entries = agendas.get(account);
  if (!entries) {
    entries = new Map();
    for (const invoice of Object.values(account.objects.invoices)) {
      const at = nextInvoiceTransitionAt(invoice);
      if (at !== null) entries.set(invoice.id, at);
    }
    agendas.set(account, entries);
  }
  return entries;
}

function reschedule(account: AccountState, invoice: Stripe.Invoice): void {
  const at = nextInvoiceTransitionAt(invoice);
  if (at === null) agenda(account).delete(invoice.id);
  else agenda(account).set(invoice.id, at);
}

/** The earliest pending automatic step of an invoice on `testClock` (null: the account clock). */
export function nextInvoiceTransition(account: AccountState, testClock: string | null): { invoice: Stripe.Invoice; at: number } | null {
  let due: { invoice: Stripe.Invoice; at: number } | null = null;
  for (const [id, at] of agenda(account)) {
    if (due && at >= due.at) continue;
    const invoice = find(account, 'invoices', id);
    if (invoice && testClockOf(invoice) === testClock) due = { invoice, at };
  }
  return due;
}

/**
 * Stripe's automatic advancement: finalizes a draft, charges it (or retries), and lets the
 * subscription follow the outcome. An `unpaid` subscription's invoices are finalized but not
 * charged (https://docs.stripe.com/billing/subscriptions/overview#subscription-statuses).
 */
export function advanceInvoice(ctx: Ctx, invoice: Stripe.Invoice, at: number): void {
  if (invoice.status === 'draft') finalizeInvoice(ctx, invoice, at);
  const sub = subscriptionOf(ctx.account, invoice);
  if (sub?.status === 'unpaid') return;
  const paid = collectInvoice(ctx, invoice, at, 'automatic') === null;
  if (sub) afterPaymentAttempt(ctx, sub, invoice, paid, at);
}

function subscriptionOf(account: AccountState, invoice: Stripe.Invoice): Stripe.Subscription | undefined {
  const id = invoice.parent?.subscription_details?.subscription;
  return id ? find(account, 'subscriptions', String(id)) : undefined;
}

function openInvoice(account: AccountState, id: string, action: string): Stripe.Invoice {
  const invoice = findOr404(account, 'invoices', id);
  if (invoice.status !== 'open') {
    throw invalidRequest(`You can only ${action} an invoice that is open. This invoice is ${invoice.status}.`, 'invoice', 'invoice_unexpected_state');
  }
  return invoice;
}

export const invoiceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/invoices/:id',
    handler: ({ account, params }) => findOr404(account, 'invoices', params.id),
  },
  {
    method: 'GET',
    path: '/v1/invoices/:id/lines',
    handler: ({ account, params, body }) =>
      paginate(findOr404(account, 'invoices', params.id).lines.data, body, `/v1/invoices/${params.id}/lines`),
  },
  {
    method: 'GET',
    path: '/v1/invoices',
    handler: ({ account, body }) => {
      const customer = body.string('customer');
      const subscription = body.string('subscription');
      const status = body.string('status');
      const invoices = listAll(account, 'invoices').filter(
        (invoice) =>
          (!customer || invoice.customer === customer) &&
          (!subscription || invoice.parent?.subscription_details?.subscription === subscription) &&
          (!status || invoice.status === status),
      );
      return paginate(invoices, body, '/v1/invoices');
    },
  },
  {
    method: 'POST',
    path: '/v1/invoices/:id/pay',
    handler: (req) => {
      const invoice = openInvoice(req.account, req.params.id, 'pay');
      const at = clockNow(req.account, testClockOf(invoice));
      const declined = collectInvoice(req, invoice, at, 'manual');
      const sub = subscriptionOf(req.account, invoice);
      if (sub) afterPaymentAttempt(req, sub, invoice, declined === null, at);
      if (declined) throw declined;
      return invoice;
    },
  },
  {
    method: 'POST',
    path: '/v1/invoices/:id/void',
    handler: (req) => {
      const invoice = openInvoice(req.account, req.params.id, 'void');
      voidInvoice(req, invoice, clockNow(req.account, testClockOf(invoice)));
      return invoice;
    },
  },
];
