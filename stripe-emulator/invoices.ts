// Subscription invoices: created, finalized and paid in one go (charge_automatically with a card
// that pays), each step with its own event, as Stripe does for a customer with a working card.
import type Stripe from 'stripe';
import type { Ctx, Route } from './context';
import { applyDiscounts, isOnceDiscount } from './coupons';
import { emit } from './events';
import { applyCustomerBalance } from './customer-balance';
import { attachInvoiceItems, invoiceItemLine, pendingItemsFor } from './invoice-items';
import { find, findOr404, insert, listAll, newId, paginate, wireDecimal, type AccountState } from './store';

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
    period: { ...billing.linePeriod },
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
  const periodLines = billing.pendingItemsOnly
    ? []
    : sub.items.data.map((item) =>
        line(sub, item, id, find(account, 'products', String(item.price.product))?.name ?? 'Product', billing),
      );
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

/**
 * Invoices the subscription's items for a period and collects payment. Sets `latest_invoice` and
 * drops `once` discounts from the subscription; returns whether the payment succeeded.
 */
export function billSubscription(ctx: Ctx, sub: Stripe.Subscription, billing: BillingPeriod): boolean {
  const { account } = ctx;
  const customer = findOr404(account, 'customers', String(sub.customer), 'customer');
  const live = customer.deleted ? null : customer;
  const invoice = draftSubscriptionInvoice(account, sub, billing, pendingItemsFor(account, customer.id, sub.id));
  insert(account, 'invoices', invoice);
  attachInvoiceItems(account, invoice);
  emit(ctx, 'invoice.created', invoice, { at: billing.at });

  invoice.status = 'open';
  invoice.effective_at = billing.at;
  applyCustomerBalance(ctx, invoice, billing.at);
  const due = invoice.amount_due;
  invoice.status_transitions.finalized_at = billing.at;
  if (live) {
    invoice.number = `${live.invoice_prefix}-${String(live.next_invoice_sequence ?? 1).padStart(4, '0')}`;
    live.next_invoice_sequence = (live.next_invoice_sequence ?? 1) + 1;
  }
  emit(ctx, 'invoice.finalized', invoice, { at: billing.at });

  sub.latest_invoice = invoice.id;
  sub.discounts = sub.discounts.filter((d) => !isOnceDiscount(account, String(d)));
  const paid = due === 0 || !account.decliningCustomers[customer.id];
  invoice.attempted = due > 0;
  invoice.attempt_count = due > 0 ? 1 : 0;
  if (!paid) {
    invoice.next_payment_attempt = null;
    emit(ctx, 'invoice.payment_failed', invoice, { at: billing.at });
    return false;
  }
  invoice.status = 'paid';
  invoice.auto_advance = false;
  invoice.amount_paid = due;
  invoice.amount_remaining = 0;
  invoice.status_transitions.paid_at = billing.at;
  emit(ctx, 'invoice.paid', invoice, { at: billing.at });
  emit(ctx, 'invoice.payment_succeeded', invoice, { at: billing.at });
  return true;
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
];
