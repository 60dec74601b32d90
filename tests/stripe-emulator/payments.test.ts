// What paying an invoice leaves behind (PaymentIntent, Charge, InvoicePayment) and refunds of it.
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { newKey, sdk, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startTestEmulator();
  stripe = sdk(emulator, newKey());
});
afterAll(() => emulator.close());

/** A customer with a paying card and a paid monthly subscription of `amount`; its first invoice. */
async function paidInvoice(amount = 2500, trialDays?: number) {
  const customer = await stripe.customers.create({ email: 'payer@example.com', payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
  const product = await stripe.products.create({ name: 'Pro' });
  const price = await stripe.prices.create({ product: product.id, unit_amount: amount, currency: 'usd', recurring: { interval: 'month' } });
  const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], trial_period_days: trialDays });
  const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
  return { customer, invoice };
}

describe('paying an invoice', () => {
  it('records a succeeded PaymentIntent, its Charge and the InvoicePayment, found from either side', async () => {
    const { customer, invoice } = await paidInvoice(2500);
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 2500 });
    const payments = await stripe.invoicePayments.list({ invoice: invoice.id });
    expect(payments.data).toHaveLength(1);
    const [payment] = payments.data;
    expect(payment).toMatchObject({
      object: 'invoice_payment',
      invoice: invoice.id,
      amount_paid: 2500,
      amount_requested: 2500,
      currency: 'usd',
      is_default: true,
      status: 'paid',
      payment: { type: 'payment_intent' },
      status_transitions: { canceled_at: null, paid_at: invoice.status_transitions.paid_at },
    });
    const paymentIntent = await stripe.paymentIntents.retrieve(payment.payment.payment_intent as string);
    // pm_card_visa attached as the customer's own PaymentMethod: the card its invoices charge.
    const card = customer.invoice_settings.default_payment_method as string;
    expect(paymentIntent).toMatchObject({ object: 'payment_intent', status: 'succeeded', amount: 2500, amount_received: 2500, customer: customer.id, payment_method: card });
    const charge = await stripe.charges.retrieve(paymentIntent.latest_charge as string);
    expect(charge).toMatchObject({ object: 'charge', status: 'succeeded', paid: true, captured: true, amount: 2500, amount_refunded: 0, refunded: false, payment_intent: paymentIntent.id, customer: customer.id, payment_method: card });
    const byPayment = await stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: paymentIntent.id } });
    expect(byPayment.data.map((p) => p.id)).toEqual([payment.id]);
    expect((await stripe.charges.list({ payment_intent: paymentIntent.id })).data.map((c) => c.id)).toEqual([charge.id]);
    const types = (await stripe.events.list({ limit: 100 })).data.filter((e) => (e.data.object as { id: string }).id === paymentIntent.id || (e.data.object as { id: string }).id === charge.id).map((e) => e.type);
    expect(types.sort()).toEqual(['charge.succeeded', 'payment_intent.succeeded']);
  });

  it('an invoice of nothing (a trial) has no payment', async () => {
    const { invoice } = await paidInvoice(2500, 7);
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 0 });
    expect((await stripe.invoicePayments.list({ invoice: invoice.id })).data).toEqual([]);
  });
});

describe('refunds', () => {
  it('refunds part, then the rest, then refuses; the charge follows, with refund.created and charge.refunded', async () => {
    const { invoice } = await paidInvoice(2500);
    const [payment] = (await stripe.invoicePayments.list({ invoice: invoice.id })).data;
    const paymentIntent = payment.payment.payment_intent as string;
    const partial = await stripe.refunds.create({ payment_intent: paymentIntent, amount: 1000, reason: 'requested_by_customer' });
    const chargeId = (await stripe.paymentIntents.retrieve(paymentIntent)).latest_charge as string;
    expect(partial).toMatchObject({ object: 'refund', amount: 1000, status: 'succeeded', charge: chargeId, payment_intent: paymentIntent, currency: 'usd', reason: 'requested_by_customer' });
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({ amount_refunded: 1000, refunded: false });

    const tooMuch = await stripe.refunds.create({ charge: chargeId, amount: 1600 }).catch((error) => error);
    expect(tooMuch).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount', message: 'Refund amount (1600) is greater than unrefunded amount on charge (1500)' });

    const rest = await stripe.refunds.create({ charge: chargeId });
    expect(rest).toMatchObject({ amount: 1500, reason: null });
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({ amount_refunded: 2500, refunded: true });
    const again = await stripe.refunds.create({ charge: chargeId }).catch((error) => error);
    expect(again).toMatchObject({ statusCode: 400, code: 'charge_already_refunded', message: `Charge ${chargeId} has already been refunded.` });

    expect((await stripe.refunds.list({ charge: chargeId })).data.map((r) => r.amount)).toEqual([1500, 1000]);
    const events = (await stripe.events.list({ limit: 100 })).data.filter((e) => e.type === 'charge.refunded' && (e.data.object as Stripe.Charge).id === chargeId);
    expect(events.map((e) => [(e.data.object as Stripe.Charge).amount_refunded, e.data.previous_attributes])).toEqual([
      [2500, { amount_refunded: 1000, refunded: false }],
      [1000, { amount_refunded: 0 }],
    ]);
    expect((await stripe.events.list({ type: 'refund.created', limit: 100 })).data.map((e) => (e.data.object as Stripe.Refund).id)).toEqual(
      expect.arrayContaining([partial.id, rest.id]),
    );
  });

  it('needs a payment_intent or a charge, not both, and names a missing one', async () => {
    expect(await stripe.refunds.create({}).catch((error) => error)).toMatchObject({ statusCode: 400, message: 'One of the following params should be provided for this request: payment_intent or charge.' });
    expect(await stripe.refunds.create({ payment_intent: 'pi_missing' }).catch((error) => error)).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'payment_intent' });
  });
});
