// Paying a checkout on Stripe's hosted page, with Stripe's webhooks delivered for real to BillStack.
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import * as customerSubscriptionsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/subscriptions/route';
import { call } from '../helpers/http';
import { createCustomerRow, createPriceRow, projectParams, projectPath } from '../helpers/catalog';
import { useStripeEmulator } from '../helpers/stripe';
import { useWebhookBridge } from '../helpers/webhook-bridge';
import { buildWorld, type World } from '../helpers/world';
import { configureReferrals, createReferralCode } from '../referrals/fixtures';
import { declinedCard, payCheckout, startCheckout } from '../subscriptions/fixtures';

const emulator = useStripeEmulator();
useWebhookBridge();
let world: World;
let stripe: Stripe;

beforeAll(async () => {
  world = await buildWorld();
  ({ stripe } = world.stripeAccount!);
  // A checkout's referral code must be a live code of the project.
  await configureReferrals(world);
  await createReferralCode(world, { customerId: (await createCustomerRow(world)).id, code: 'FRIEND-42' });
});

const subscriptionsOf = async (customerId: string) =>
  (
    await call(customerSubscriptionsRoute.GET, projectPath(world, `/customers/${customerId}/subscriptions`), {
      params: projectParams(world, { customerId }),
      headers: world.owner.headers,
    })
  ).body as { subscriptions: Record<string, unknown>[]; total: number };

/** Checkout for a fresh customer, paid with `card`, once Stripe's webhooks have all arrived. */
async function checkoutAndPay(priceBody: Record<string, unknown>, checkoutBody: Record<string, unknown> = {}, card?: string) {
  const price = await createPriceRow(world, priceBody);
  const customer = await createCustomerRow(world);
  const checkout = await startCheckout(world, { customerId: customer.id, priceId: price.id, ...checkoutBody });
  expect(checkout.status).toBe(201);
  const payStatus = await payCheckout(checkout.body.checkout.url, card);
  await emulator().idle();
  return { price, customer, sessionId: checkout.body.checkout.id as string, payStatus };
}
const days = (from: number, count: number) => new Date((from + count * 86_400) * 1000).toISOString();

describe('paying a checkout', () => {
  it('starts the trial the request asks for, overriding the price\'s, and tags the subscription', async () => {
    const { customer, payStatus } = await checkoutAndPay(
      { interval: 'month', trialDays: 7 },
      { trialDays: 14, referralCode: 'FRIEND-42', metadata: { campaign: 'spring' } },
    );
    expect(payStatus).toBe(303);
    const { subscriptions, total } = await subscriptionsOf(customer.id);
    expect(total).toBe(1);
    const inStripe = await stripe.subscriptions.retrieve(subscriptions[0].stripeSubscriptionId as string);
    // The trial starts when the payment completes, in Stripe's clock.
    expect(subscriptions[0]).toMatchObject({ customerId: customer.id, status: 'trialing', trialEnd: days(inStripe.trial_start!, 14) });
    expect(inStripe.metadata).toEqual({
      campaign: 'spring',
      billstack_project_id: world.project.id,
      billstack_customer_id: customer.id,
      billstack_referral_code: 'FRIEND-42',
    });
  });

  it('starts the price\'s own trial when the request names none', async () => {
    const { customer } = await checkoutAndPay({ interval: 'year', trialDays: 7 });
    const { subscriptions } = await subscriptionsOf(customer.id);
    const inStripe = await stripe.subscriptions.retrieve(subscriptions[0].stripeSubscriptionId as string);
    expect(subscriptions).toMatchObject([{ status: 'trialing', trialEnd: days(inStripe.trial_start!, 7) }]);
  });

  it('a declined card is refused on the page with 402 and creates no subscription', async () => {
    const { customer, sessionId, payStatus } = await checkoutAndPay({ interval: 'month' }, {}, declinedCard);
    expect(payStatus).toBe(402);
    expect(await subscriptionsOf(customer.id)).toEqual({ subscriptions: [], total: 0 });
    expect((await stripe.subscriptions.list({ customer: customer.stripeCustomerId, status: 'all' })).data).toEqual([]);
    expect(await stripe.checkout.sessions.retrieve(sessionId)).toMatchObject({ status: 'open', payment_status: 'unpaid' });
  });

  it('a one-time price is paid once and creates no subscription', async () => {
    const { customer, sessionId, payStatus } = await checkoutAndPay({ unitAmount: 4900, interval: undefined });
    expect(payStatus).toBe(303);
    expect(await stripe.checkout.sessions.retrieve(sessionId)).toMatchObject({ mode: 'payment', status: 'complete', payment_status: 'paid' });
    expect(await subscriptionsOf(customer.id)).toEqual({ subscriptions: [], total: 0 });
  });
});
