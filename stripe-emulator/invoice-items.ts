// Invoice items: amounts waiting for a customer's next invoice. Prorations are invoice items too;
// a pending item (invoice: null) is swept onto the next invoice of its customer, or of its
// subscription when it belongs to one, and becomes a line there.
import type Stripe from 'stripe';
import { clockNow } from './clock';
import type { Ctx, Route } from './context';
import { liveCustomer, testClockOf } from './customers';
import { invalidRequest, missingParam } from './errors';
import { emit } from './events';
import { mergeMetadata, type Params } from './form';
import { find, findOr404, insert, listAll, newId, paginate, wireDecimal, type AccountState } from './store';

export interface NewInvoiceItem {
  customer: Stripe.Customer;
  amount: number;
  currency: string;
  description: string | null;
  period: { start: number; end: number };
  price: Stripe.Price | null;
  quantity: number;
  /** Unit amount as a decimal: prorations carry the prorated unit amount, fractions of a cent included. */
  unitAmountDecimal: number;
  discountable: boolean;
  proration: boolean;
  subscription: string | null;
  subscriptionItem: string | null;
  metadata: Record<string, string>;
  date: number;
  /** For a credit proration: the invoice lines that charged what is credited. */
  creditedLines?: { invoice: string; invoice_line_items: string[] } | null;
}

/** An invoice item as Stripe shows it, not yet stored: previews use it as is. */
export function buildInvoiceItem(account: AccountState, input: NewInvoiceItem): Stripe.InvoiceItem {
  return {
    id: newId('ii'),
    object: 'invoiceitem',
    amount: input.amount,
    currency: input.currency,
    customer: input.customer.id,
    customer_account: null,
    date: input.date,
    description: input.description,
    discountable: input.discountable,
    discounts: [],
    invoice: null,
    livemode: account.livemode,
    metadata: { ...input.metadata },
    net_amount: input.amount,
    parent: input.subscription
      ? {
          type: 'subscription_details',
          subscription_details: {
            subscription: input.subscription,
            ...(input.subscriptionItem ? { subscription_item: input.subscriptionItem } : {}),
          },
        }
      : null,
    period: { ...input.period },
    pricing: input.price
      ? {
          type: 'price_details',
          price_details: { price: input.price.id, product: String(input.price.product) },
          unit_amount_decimal: wireDecimal(input.unitAmountDecimal),
        }
      : { type: 'price_details', unit_amount_decimal: wireDecimal(input.unitAmountDecimal) },
    proration: input.proration,
    proration_details: {
      credited_items: input.creditedLines ? { type: 'invoice_line_items', invoice_line_item_details: input.creditedLines } : null,
      discount_amounts: [],
    },
    quantity: input.quantity,
    quantity_decimal: wireDecimal(input.quantity),
    tax_rates: [],
    test_clock: input.customer.test_clock ?? null,
  };
}

export function storeInvoiceItem(ctx: Ctx, item: Stripe.InvoiceItem): Stripe.InvoiceItem {
  insert(ctx.account, 'invoiceitems', item);
  emit(ctx, 'invoiceitem.created', item, { at: item.date });
  return item;
}

function subscriptionOf(item: Stripe.InvoiceItem): string | null {
  return item.parent?.subscription_details?.subscription ?? null;
}

/**
 * The customer's pending items a subscription's next invoice sweeps up: its own, and those that
 * belong to no subscription. Oldest first, as they appear on Stripe's invoices.
 */
export function pendingItemsFor(account: AccountState, customer: string, subscription: string): Stripe.InvoiceItem[] {
  return listAll(account, 'invoiceitems')
    .filter((item) => item.invoice === null && item.customer === customer)
    .filter((item) => [subscription, null].includes(subscriptionOf(item)))
    .reverse();
}

/** The invoice line an invoice item becomes. */
export function invoiceItemLine(account: AccountState, item: Stripe.InvoiceItem, invoiceId: string): Stripe.InvoiceLineItem {
  const subscription = subscriptionOf(item);
  const subscriptionItem = item.parent?.subscription_details?.subscription_item ?? null;
  const credited = item.proration_details?.credited_items?.invoice_line_item_details ?? null;
  const details = { invoice_item: item.id, proration: item.proration, proration_details: { credited_items: credited }, subscription };
  const price = item.pricing?.price_details ? String(item.pricing.price_details.price) : null;
  return {
    id: newId('il'),
    object: 'line_item',
    amount: item.amount,
    currency: item.currency,
    description: item.description,
    discount_amounts: [],
    discountable: item.discountable,
    discounts: [],
    invoice: invoiceId,
    livemode: account.livemode,
    metadata: { ...item.metadata },
    parent: subscriptionItem
      ? {
          type: 'subscription_item_details',
          invoice_item_details: null,
          subscription_item_details: { ...details, subscription_item: subscriptionItem },
        }
      : { type: 'invoice_item_details', invoice_item_details: details, subscription_item_details: null },
    period: { ...item.period },
    pretax_credit_amounts: [],
    pricing: {
      type: 'price_details',
      ...(price ? { price_details: { price, product: item.pricing!.price_details!.product } } : {}),
      unit_amount_decimal: item.pricing?.unit_amount_decimal ?? null,
    },
    quantity: item.quantity,
    quantity_decimal: item.quantity_decimal,
    subscription,
    subtotal: item.amount,
    taxes: [],
  };
}

/** Marks the invoice items behind an invoice's lines as invoiced: they are no longer pending. */
export function attachInvoiceItems(account: AccountState, invoice: Stripe.Invoice): void {
  for (const line of invoice.lines.data) {
    const id = line.parent?.subscription_item_details?.invoice_item ?? line.parent?.invoice_item_details?.invoice_item;
    const item = id ? find(account, 'invoiceitems', id) : undefined;
    if (item) item.invoice = invoice.id;
  }
}

function createFromRequest(ctx: Ctx, body: Params): Stripe.InvoiceItem {
  const { account } = ctx;
  const customer = liveCustomer(account, body.requiredString('customer'));
  const now = clockNow(account, testClockOf(customer));
  const priceId = body.object('pricing')?.string('price');
  const price = priceId ? findOr404(account, 'prices', priceId, 'pricing[price]') : null;
  const quantity = body.integer('quantity', { min: 0 }) ?? 1;
  const amount = body.integer('amount');
  if (price && amount !== undefined) throw invalidRequest('You may only specify one of these parameters: amount, pricing.', 'amount');
  if (!price && amount === undefined) throw missingParam('amount');
  const currency = price?.currency ?? body.requiredString('currency').toLowerCase();
  const subscriptionId = body.string('subscription') ?? null;
  if (subscriptionId) {
    const sub = findOr404(account, 'subscriptions', subscriptionId, 'subscription');
    if (sub.customer !== customer.id) throw invalidRequest('The subscription does not belong to this customer.', 'subscription');
  }
  const period = body.object('period');
  const unit = price ? (price.unit_amount ?? 0) : amount! / Math.max(quantity, 1);
  const total = price ? unit * quantity : amount!;
  const item = buildInvoiceItem(account, {
    customer,
    amount: total,
    currency,
    description: body.string('description') ?? null,
    period: period
      ? { start: period.integer('start', { min: 0 }) ?? now, end: period.integer('end', { min: 0 }) ?? now }
      : { start: now, end: now },
    price,
    quantity,
    unitAmountDecimal: unit,
    // Stripe's default: negative items (credits) are not discountable.
    discountable: body.boolean('discountable') ?? total >= 0,
    proration: false,
    subscription: subscriptionId,
    subscriptionItem: null,
    metadata: mergeMetadata({}, body.metadata()),
    date: now,
  });
  return storeInvoiceItem(ctx, item);
}

function pendingOr400(item: Stripe.InvoiceItem, verb: string): void {
  if (item.invoice !== null) {
    throw invalidRequest(`You cannot ${verb} an invoice item that is attached to an invoice that is no longer editable (${String(item.invoice)}).`, 'id');
  }
}

export const invoiceItemRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/invoiceitems',
    handler: (req) => createFromRequest(req, req.body),
  },
  {
    method: 'GET',
    path: '/v1/invoiceitems/:id',
    handler: ({ account, params }) => findOr404(account, 'invoiceitems', params.id),
  },
  {
    method: 'POST',
    path: '/v1/invoiceitems/:id',
    handler: ({ account, params, body }) => {
      const item = findOr404(account, 'invoiceitems', params.id);
      pendingOr400(item, 'update');
      item.metadata = mergeMetadata(item.metadata, body.metadata());
      const description = body.nullableString('description');
      if (description !== undefined) item.description = description;
      item.discountable = body.boolean('discountable') ?? item.discountable;
      return item;
    },
  },
  {
    method: 'DELETE',
    path: '/v1/invoiceitems/:id',
    handler: (req) => {
      const item = findOr404(req.account, 'invoiceitems', req.params.id);
      pendingOr400(item, 'delete');
      delete req.account.objects.invoiceitems[item.id];
      const deleted: Stripe.DeletedInvoiceItem = { id: item.id, object: 'invoiceitem', deleted: true };
      emit(req, 'invoiceitem.deleted', item, { at: clockNow(req.account, item.test_clock ? String(item.test_clock) : null) });
      return deleted;
    },
  },
  {
    method: 'GET',
    path: '/v1/invoiceitems',
    handler: ({ account, body }) => {
      const customer = body.string('customer');
      const invoice = body.string('invoice');
      const pending = body.boolean('pending');
      const items = listAll(account, 'invoiceitems').filter(
        (item) =>
          (!customer || item.customer === customer) &&
          (!invoice || item.invoice === invoice) &&
          (pending === undefined || (item.invoice === null) === pending),
      );
      return paginate(items, body, '/v1/invoiceitems');
    },
  },
];
