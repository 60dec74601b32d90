// What paying an invoice leaves behind in Stripe: a PaymentIntent that succeeded, its Charge on the
// customer's default card, and the InvoicePayment linking the invoice to the PaymentIntent
// (docs.stripe.com/api/invoice-payment: since API 2025-03-31 an invoice no longer names its charge or
// payment_intent; `GET /v1/invoice_payments?invoice=` or `?payment[payment_intent]=` finds them).
import type Stripe from 'stripe';
import type { Ctx, Route } from './context';
import { invalidRequest } from './errors';
import { emit } from './events';
import type { Params } from './form';
import { findOr404, insert, listAll, newId, paginate } from './store';

/** Records the card payment of `amount` that pays the invoice, with Stripe's events, before `invoice.paid`. */
export function recordInvoicePayment(ctx: Ctx, invoice: Stripe.Invoice, amount: number, at: number): Stripe.PaymentIntent {
  const { account } = ctx;
  const customer = String(invoice.customer);
  const customerObject = findOr404(account, 'customers', customer, 'customer');
  const paymentMethod = customerObject.deleted ? null : (customerObject.invoice_settings.default_payment_method as string | null);
  const card = paymentMethod ? account.cards[paymentMethod] : undefined;
  const paymentIntentId = newId('pi');
  const charge: Stripe.Charge = {
    id: newId('ch'),
    object: 'charge',
    amount,
    amount_captured: amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: null,
    captured: true,
    created: at,
    currency: invoice.currency,
    customer,
    description: 'Subscription update',
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: account.livemode,
    metadata: {},
    on_behalf_of: null,
    outcome: null,
    paid: true,
    payment_intent: paymentIntentId,
    payment_method: paymentMethod,
    payment_method_details: card ? ({ type: 'card', card: { brand: 'visa', last4: card.last4 } } as Stripe.Charge.PaymentMethodDetails) : null,
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
  const paymentIntent = {
    id: paymentIntentId,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount,
    amount_capturable: 0,
    amount_received: amount,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${paymentIntentId}_secret_${newId('', 12).slice(1)}`,
    confirmation_method: 'automatic',
    created: at,
    currency: invoice.currency,
    customer,
    customer_account: null,
    description: 'Subscription update',
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: charge.id,
    livemode: account.livemode,
    managed_payments: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'succeeded',
    transfer_group: null,
  } satisfies Stripe.PaymentIntent;
  const invoicePayment: Stripe.InvoicePayment = {
    id: newId('inpay'),
    object: 'invoice_payment',
    amount_paid: amount,
    amount_requested: amount,
    created: at,
    currency: invoice.currency,
    invoice: invoice.id!,
    is_default: true,
    livemode: account.livemode,
    payment: { type: 'payment_intent', payment_intent: paymentIntentId },
    status: 'paid',
    status_transitions: { canceled_at: null, paid_at: at },
  };
  insert(account, 'payment_intents', paymentIntent);
  insert(account, 'charges', charge);
  insert(account, 'invoice_payments', invoicePayment);
  emit(ctx, 'payment_intent.succeeded', paymentIntent, { at });
  emit(ctx, 'charge.succeeded', charge, { at });
  emit(ctx, 'invoice_payment.paid', invoicePayment, { at });
  return paymentIntent;
}

/** `?customer=` and `?payment_intent=` filters, as Stripe's charges and payment intents lists take them. */
function filtered<T extends { customer: unknown }>(items: T[], query: Params, extra?: (item: T) => boolean): T[] {
  const customer = query.string('customer');
  return items.filter((item) => (customer === undefined || item.customer === customer) && (!extra || extra(item)));
}

export const paymentRoutes: Route[] = [
  { method: 'GET', path: '/v1/payment_intents/:id', handler: ({ account, params }) => findOr404(account, 'payment_intents', params.id) },
  {
    method: 'GET',
    path: '/v1/payment_intents',
    handler: ({ account, body }) => paginate(filtered(listAll(account, 'payment_intents'), body), body, '/v1/payment_intents'),
  },
  { method: 'GET', path: '/v1/charges/:id', handler: ({ account, params }) => findOr404(account, 'charges', params.id) },
  {
    method: 'GET',
    path: '/v1/charges',
    handler: ({ account, body }) => {
      const paymentIntent = body.string('payment_intent');
      const charges = filtered(listAll(account, 'charges'), body, (c) => paymentIntent === undefined || c.payment_intent === paymentIntent);
      return paginate(charges, body, '/v1/charges');
    },
  },
  { method: 'GET', path: '/v1/invoice_payments/:id', handler: ({ account, params }) => findOr404(account, 'invoice_payments', params.id) },
  {
    method: 'GET',
    path: '/v1/invoice_payments',
    handler: ({ account, body }) => {
      const invoice = body.string('invoice');
      const payment = body.object('payment');
      const paymentIntent = payment?.string('payment_intent');
      if (payment && payment.string('type') !== 'payment_intent') {
        throw invalidRequest('Only payment[type]=payment_intent is supported.', 'payment[type]');
      }
      const status = body.string('status');
      const payments = listAll(account, 'invoice_payments').filter(
        (p) =>
          (invoice === undefined || p.invoice === invoice) &&
          (paymentIntent === undefined || p.payment.payment_intent === paymentIntent) &&
          (status === undefined || p.status === status),
      );
      return paginate(payments, body, '/v1/invoice_payments');
    },
  },
];
