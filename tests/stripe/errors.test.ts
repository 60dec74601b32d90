import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '@/lib/http/respond';
import { ApiError } from '@/lib/http/errors';
import { stripeClient } from '@/lib/stripe/client';
import { callStripe } from '@/lib/stripe/errors';
import { newStripeKey, useStripeEmulator } from '../helpers/stripe';

const emulator = useStripeEmulator();

/** What BillStack answers when `call` fails in Stripe: the typed error and the response the wrapper sends. */
async function answerTo(call: () => Promise<unknown>) {
  const error = await callStripe(call).then(
    () => {
      throw new Error('expected Stripe to refuse');
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  const res = errorResponse(error as ApiError);
  return { status: res.status, body: await res.json() };
}

async function accountWithPrice() {
  const stripe = stripeClient(newStripeKey());
  const product = await stripe.products.create({ name: 'Pro' });
  const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1200, recurring: { interval: 'month' } });
  return { stripe, price };
}

describe('Stripe errors through callStripe, against the emulator', () => {
  it('passes a declined card on as 402 with Stripe\'s code and decline code', async () => {
    const { stripe, price } = await accountWithPrice();
    const customer = await stripe.customers.create({
      payment_method: 'pm_card_chargeCustomerFail',
      invoice_settings: { default_payment_method: 'pm_card_chargeCustomerFail' },
    });
    const answer = await answerTo(() =>
      stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], payment_behavior: 'error_if_incomplete' }),
    );
    expect(answer).toEqual({
      status: 402,
      body: { error: 'Your card was declined.', code: 'card_declined', declineCode: 'generic_decline', source: 'stripe' },
    });
  });

  it('passes an invalid request on as 400 with Stripe\'s code', async () => {
    const { stripe } = await accountWithPrice();
    const answer = await answerTo(() => stripe.prices.create({ currency: 'usd', unit_amount: 100 } as Stripe.PriceCreateParams));
    expect(answer).toMatchObject({ status: 400, body: { code: 'parameter_missing', source: 'stripe' } });
  });

  it('passes an object Stripe does not have on as 404 resource_missing', async () => {
    const { stripe } = await accountWithPrice();
    const answer = await answerTo(() => stripe.customers.update('cus_missing', { name: 'x' }));
    expect(answer).toEqual({ status: 404, body: { error: "No such customer: 'cus_missing'", code: 'resource_missing', source: 'stripe' } });
  });

  it.each([500, 429] as const)('keeps Stripe failing with %i a 502 stripe_error', async (status) => {
    const key = newStripeKey();
    emulator().injectFaults(key, { count: 1, status });
    const answer = await answerTo(() => stripeClient(key).customers.create({}));
    expect(answer).toMatchObject({ status: 502, body: { code: 'stripe_error' } });
    expect(answer.body).not.toHaveProperty('source');
  });

  it('keeps a connection whose key Stripe refuses a 502 stripe_error', async () => {
    const answer = await answerTo(() => stripeClient('sk_test_x').customers.create({}));
    expect(answer).toMatchObject({ status: 502, body: { code: 'stripe_error', error: expect.stringMatching(/^Invalid API Key provided/) } });
  });

  it('keeps Stripe unreachable a 502 stripe_error', async () => {
    const unreachable = new Stripe('sk_test_unreachable', { host: '127.0.0.1', port: 9, protocol: 'http', maxNetworkRetries: 0 });
    const answer = await answerTo(() => unreachable.customers.create({}));
    expect(answer).toEqual({ status: 502, body: { error: 'Stripe could not be reached; nothing was changed. Try again.', code: 'stripe_error' } });
  });
});
