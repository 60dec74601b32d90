// Acceptance: real changes made through the API and by Stripe (the emulator, its webhooks delivered for real)
// reach a SaaS backend as signed Standard Webhooks events whose data is what the REST API answers.
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import * as customerRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/route';
import * as customersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/route';
import * as customerInvoicesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/invoices/route';
import * as subscriptionsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/route';
import * as cancelRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/cancel/route';
import * as resumeRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/resume/route';
import { call } from '../helpers/http';
import { uniqueEmail } from '../helpers/fixtures';
import { createCustomerRow, createPriceRow, projectParams, projectPath } from '../helpers/catalog';
import { useOwnDatabase } from '../helpers/own-database';
import { useStripeEmulator } from '../helpers/stripe';
import { useWebhookBridge } from '../helpers/webhook-bridge';
import { buildWorld, type World } from '../helpers/world';
import { applyReferral, configureReferrals, createReferralCode } from '../referrals/fixtures';
import { payCheckout, startCheckout } from '../subscriptions/fixtures';
import { createWebhookEndpoint } from './fixtures';
import { drain, useReceiver, type Received } from './receiver';

// On PostgreSQL, draining the delivery queue sends every due delivery of the database: the file gets its own.
useOwnDatabase();
const emulator = useStripeEmulator();
useWebhookBridge();
const receiver = useReceiver();
let world: World;
let stripe: Stripe;
let secretKey: string;
let secret: string;
let seen = 0;
const all: Received[] = [];

beforeAll(async () => {
  world = await buildWorld();
  ({ stripe, secretKey } = world.stripeAccount!);
  ({ secret } = await createWebhookEndpoint(world, { url: receiver().url, events: ['*'] }));
  // Another project's endpoint on the same receiver: it must hear nothing of this project.
  await createWebhookEndpoint({ ...world, project: world.siblingProject }, { url: `${receiver().url}/sibling`, events: ['*'] });
});

/** Lets Stripe's webhooks land and the worker send; answers the events received since the last step. */
async function step(): Promise<Received[]> {
  await emulator().idle();
  await drain();
  const fresh = receiver().verified(secret, seen);
  seen = receiver().requests.length;
  all.push(...fresh);
  return fresh;
}
const types = (events: Received[]) => events.map((event) => event.type);
/** The types regardless of order: Stripe's webhooks about one change may land in any order. */
const typeSet = (events: Received[]) => types(events).sort();
const last = (events: Received[], type: string) => events.filter((event) => event.type === type).at(-1)!;
const headers = () => world.owner.headers;

async function control(path: string, body: unknown) {
  const res = await fetch(`${emulator().url}/_emulator${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

const getSubscription = async (id: string) =>
  (await call(subscriptionsRoute.GET, projectPath(world, '/subscriptions'), { params: projectParams(world), headers: headers() })).body.subscriptions.find(
    (subscription: { id: string }) => subscription.id === id,
  );
const invoicesOf = async (customerId: string) =>
  (await call(customerInvoicesRoute.GET, projectPath(world, `/customers/${customerId}/invoices`), { params: projectParams(world, { customerId }), headers: headers() })).body
    .invoices;
const act = (route: typeof cancelRoute | typeof resumeRoute, action: 'cancel' | 'resume', id: string, body?: unknown) =>
  call(route.POST, projectPath(world, `/subscriptions/${id}/${action}`), { method: 'POST', params: projectParams(world, { subscriptionId: id }), body, headers: headers() });

describe('outgoing events', () => {
  it('tells the backend about customers, subscriptions, invoices and checkout, in the API\'s shapes', async () => {
    // Customers through the API.
    const customer = await createCustomerRow(world, { name: 'Ada' });
    const created = await step();
    expect(types(created)).toEqual(['customer.created']);
    const fetched = await call(customerRoute.GET, projectPath(world, `/customers/${customer.id}`), { params: projectParams(world, { customerId: customer.id }), headers: headers() });
    expect(created[0]).toEqual({ id: expect.stringMatching(/^msg_/), type: 'customer.created', timestamp: expect.any(String), data: fetched.body.customer });

    const patched = await call(customerRoute.PATCH, projectPath(world, `/customers/${customer.id}`), {
      method: 'PATCH',
      params: projectParams(world, { customerId: customer.id }),
      body: { name: 'Ada Lovelace' },
      headers: headers(),
    });
    const updated = await step();
    expect(types(updated)).toEqual(['customer.updated']);
    expect(updated[0].data).toEqual(patched.body.customer);

    // A subscription through Checkout, paid on Stripe's page.
    const price = await createPriceRow(world, { unitAmount: 2500, currency: 'eur', interval: 'month' });
    const email = uniqueEmail('subscriber');
    const checkout = await startCheckout(world, { customerEmail: email, priceId: price.id });
    expect(checkout.status).toBe(201);
    expect(await payCheckout(checkout.body.checkout.url)).toBe(303);
    const paid = await step();
    const [subscriber] = (await call(customersRoute.GET, projectPath(world, '/customers'), { params: projectParams(world), query: { email }, headers: headers() })).body.customers;
    expect(typeSet(paid)).toEqual(['checkout.completed', 'customer.created', 'invoice.paid', 'subscription.created']);
    expect(last(paid, 'customer.created').data).toEqual(subscriber);
    const subscriptionId = last(paid, 'subscription.created').data.id;
    const subscription = await getSubscription(subscriptionId);
    expect(subscription).toMatchObject({ customerId: subscriber.id, status: 'active' });
    // The latest subscription event carries the state the API answers now.
    expect(paid.filter((event) => event.type.startsWith('subscription.')).at(-1)!.data).toEqual(subscription);
    const [invoice] = await invoicesOf(subscriber.id);
    expect(last(paid, 'invoice.paid').data).toEqual(invoice);
    expect(last(paid, 'checkout.completed').data).toEqual({
      id: checkout.body.checkout.id,
      mode: 'subscription',
      customerId: subscriber.id,
      subscriptionId,
      amountTotal: 2500,
      currency: 'eur',
      createdAt: expect.any(String),
    });

    // Renewal a month later: the period moves on and a second invoice is paid.
    emulator().advanceTime(secretKey, 31 * 86_400 + 3600);
    const renewed = await step();
    expect(typeSet(renewed)).toEqual(['invoice.paid', 'subscription.renewed']);
    expect(last(renewed, 'subscription.renewed').data).toEqual(await getSubscription(subscriptionId));
    expect(last(renewed, 'invoice.paid').data).toEqual((await invoicesOf(subscriber.id))[0]);

    // Cancellation scheduled for the period end, then undone.
    const scheduled = await act(cancelRoute, 'cancel', subscriptionId);
    const scheduling = await step();
    expect(types(scheduling)).toEqual(['subscription.updated']);
    expect(scheduling[0].data).toEqual(scheduled.body.subscription);
    expect(scheduling[0].data.cancelAtPeriodEnd).toBe(true);
    const resumed = await act(resumeRoute, 'resume', subscriptionId);
    const resuming = await step();
    expect(types(resuming)).toEqual(['subscription.resumed']);
    expect(resuming[0].data).toEqual(resumed.body.subscription);

    // The card fails at the next renewal: the payment failure and the subscription past due.
    await control(`/customers/${subscriber.stripeCustomerId}/card`, { card: '4000000000000341' });
    emulator().advanceTime(secretKey, 31 * 86_400 + 2 * 3600);
    const failing = await step();
    expect(typeSet(failing)).toEqual(['invoice.payment_failed', 'subscription.past_due']);
    const [failedInvoice] = await invoicesOf(subscriber.id);
    expect(last(failing, 'invoice.payment_failed').data).toEqual(failedInvoice);
    expect(failedInvoice.status).toBe('open');
    expect(last(failing, 'subscription.past_due').data.status).toBe('past_due');

    // Canceled now, then the customer deleted.
    const canceled = await act(cancelRoute, 'cancel', subscriptionId, { atPeriodEnd: false });
    const canceling = await step();
    expect(types(canceling)).toEqual(['subscription.canceled']);
    expect(canceling[0].data).toEqual(canceled.body.subscription);
    const deleted = await call(customerRoute.DELETE, projectPath(world, `/customers/${subscriber.id}`), {
      method: 'DELETE',
      params: projectParams(world, { customerId: subscriber.id }),
      headers: headers(),
    });
    expect(deleted.status).toBe(200);
    const deleting = await step();
    expect(types(deleting)).toEqual(['customer.deleted']);
    expect(deleting[0].data).toMatchObject({ id: subscriber.id, email });

    // Every event once (Stripe's webhooks re-applying a state add nothing), each with its own id; none went to
    // the sibling project's endpoint.
    expect(all.filter((event) => event.type === 'customer.created').map((event) => event.data.id)).toEqual([customer.id, subscriber.id]);
    expect(all.filter((event) => event.type === 'invoice.paid')).toHaveLength(2);
    expect(new Set(all.map((event) => event.id)).size).toBe(all.length);
    expect(receiver().requests.length).toBe(all.length);
  });

  it('tells the backend about a referral made, qualified and rewarded', async () => {
    await configureReferrals(world, { rewardAfter: 'signup' });
    const referrer = await createCustomerRow(world);
    const code = await createReferralCode(world, { customerId: referrer.id });
    const referee = await createCustomerRow(world);
    await step();
    const applied = await applyReferral(world, { code: code.code, customerId: referee.id });
    expect(applied.status).toBe(201);
    const events = await step();
    // Written in one transaction, so delivered in any order (as Standard Webhooks allows): each by its type.
    expect(types(events).sort()).toEqual(['referral.created', 'referral.qualified', 'referral.rewarded']);
    const ofType = (type: string) => events.find((event) => event.type === type)!.data;
    expect(ofType('referral.created')).toMatchObject({ id: applied.body.referral.id, status: 'pending', referrerCustomerId: referrer.id, refereeCustomerId: referee.id });
    expect(ofType('referral.qualified')).toMatchObject({ id: applied.body.referral.id, status: 'qualified' });
    expect(ofType('referral.rewarded')).toEqual(applied.body.referral);
  });

  it('tells the backend about a referral voided by a refund of its qualifying payment', async () => {
    await configureReferrals(world, { rewardAfter: 'first_payment', holdDays: 30 });
    const code = await createReferralCode(world, { customerId: (await createCustomerRow(world)).id });
    const referee = await createCustomerRow(world);
    const applied = await applyReferral(world, { code: code.code, customerId: referee.id });
    const price = await createPriceRow(world, { unitAmount: 1500, currency: 'usd', interval: 'month' });
    const checkout = await startCheckout(world, { customerId: referee.id, priceId: price.id });
    expect(await payCheckout(checkout.body.checkout.url)).toBe(303);
    expect(types(await step())).toEqual(expect.arrayContaining(['referral.created', 'referral.qualified', 'referral.rewarded']));

    const [invoice] = await invoicesOf(referee.id);
    const [payment] = (await stripe.invoicePayments.list({ invoice: invoice.stripeInvoiceId })).data;
    await stripe.refunds.create({ payment_intent: payment.payment.payment_intent as string });
    const refunded = await step();
    expect(types(refunded)).toEqual(['referral.voided']);
    expect(refunded[0].data).toMatchObject({ id: applied.body.referral.id, status: 'void', voidReason: 'payment_refunded' });
  });
});
