// The whole life of a subscription through BillStack's API, with Stripe's webhooks delivered for real:
// checkout, payment, renewal, scheduled cancellation, resumption, immediate cancellation.
import { asc, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { subscriptionHistory } from '@/db/schema';
import * as subscriptionsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/route';
import * as subscriptionRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/route';
import * as cancelRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/cancel/route';
import * as resumeRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/resume/route';
import * as customerInvoicesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/invoices/route';
import * as customersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/route';
import { call } from '../helpers/http';
import { uniqueEmail } from '../helpers/fixtures';
import { createPriceRow, projectParams, projectPath } from '../helpers/catalog';
import { useStripeEmulator } from '../helpers/stripe';
import { useWebhookBridge } from '../helpers/webhook-bridge';
import { buildWorld, type World } from '../helpers/world';
import { payCheckout, startCheckout } from './fixtures';

const emulator = useStripeEmulator();
useWebhookBridge();
let world: World;
let stripe: Stripe;
let secretKey: string;

beforeAll(async () => {
  world = await buildWorld();
  ({ stripe, secretKey } = world.stripeAccount!);
});

const headers = () => world.owner.headers;
const iso = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());
const listSubscriptions = () => call(subscriptionsRoute.GET, projectPath(world, '/subscriptions'), { params: projectParams(world), headers: headers() });
const getSubscription = (id: string) =>
  call(subscriptionRoute.GET, projectPath(world, `/subscriptions/${id}`), { params: projectParams(world, { subscriptionId: id }), headers: headers() });
const act = (route: typeof cancelRoute | typeof resumeRoute, action: 'cancel' | 'resume', id: string, body?: unknown) =>
  call(route.POST, projectPath(world, `/subscriptions/${id}/${action}`), {
    method: 'POST',
    params: projectParams(world, { subscriptionId: id }),
    body,
    headers: headers(),
  });
const listInvoices = (customerId: string) =>
  call(customerInvoicesRoute.GET, projectPath(world, `/customers/${customerId}/invoices`), {
    params: projectParams(world, { customerId }),
    headers: headers(),
  });

/** The subscription as Stripe holds it now, in BillStack's shape: what every step compares against. */
async function expectedView(id: string, stripeSubscriptionId: string, customerId: string, priceId: string) {
  const inStripe = await stripe.subscriptions.retrieve(stripeSubscriptionId);
  const [item] = inStripe.items.data;
  return {
    id,
    customerId,
    status: inStripe.status,
    currency: inStripe.currency,
    items: [{ priceId, stripePriceId: item.price.id, quantity: item.quantity }],
    currentPeriodStart: iso(item.current_period_start),
    currentPeriodEnd: iso(item.current_period_end),
    cancelAtPeriodEnd: inStripe.cancel_at_period_end,
    canceledAt: iso(inStripe.canceled_at),
    endedAt: iso(inStripe.ended_at),
    cancellationReason: inStripe.cancellation_details?.reason ?? null,
    trialEnd: iso(inStripe.trial_end),
    pendingChange: null,
    stripeSubscriptionId,
    createdAt: iso(inStripe.created),
  };
}

describe('a subscription from checkout to cancellation', () => {
  it('keeps BillStack\'s rows equal to Stripe at every step', async () => {
    const price = await createPriceRow(world, { unitAmount: 2500, currency: 'eur', interval: 'month' });
    const email = uniqueEmail('subscriber');

    const checkout = await startCheckout(world, { customerEmail: email, priceId: price.id });
    expect(checkout.status).toBe(201);
    const customers = await call(customersRoute.GET, projectPath(world, '/customers'), { params: projectParams(world), query: { email }, headers: headers() });
    const [customer] = customers.body.customers as { id: string; stripeCustomerId: string }[];
    expect(await payCheckout(checkout.body.checkout.url)).toBe(303);
    await emulator().idle();

    // Paid: active for one calendar month from the payment.
    const listed = await listSubscriptions();
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(1);
    const subscription = listed.body.subscriptions[0];
    const expected = (id = subscription.id) => expectedView(id, subscription.stripeSubscriptionId, customer.id, price.id);
    expect(subscription).toEqual(await expected());
    // The payment's moment in Stripe's clock: when the subscription started.
    const paidAt = (await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId)).start_date;
    const periodEnd = new Date(paidAt * 1000);
    periodEnd.setUTCMonth(periodEnd.getUTCMonth() + 1);
    expect(subscription).toMatchObject({
      id: expect.stringMatching(/^ps_/),
      customerId: customer.id,
      status: 'active',
      currency: 'eur',
      items: [{ priceId: price.id, stripePriceId: price.stripePriceId, quantity: 1 }],
      currentPeriodStart: iso(paidAt),
      currentPeriodEnd: periodEnd.toISOString(),
      cancelAtPeriodEnd: false,
      canceledAt: null,
      endedAt: null,
      trialEnd: null,
    });
    const inStripe = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId);
    expect(inStripe.metadata).toEqual({ billstack_project_id: world.project.id, billstack_customer_id: customer.id });
    const firstInvoices = await listInvoices(customer.id);
    const firstInStripe = await stripe.invoices.retrieve(firstInvoices.body.invoices[0].stripeInvoiceId);
    expect(firstInvoices.body).toEqual({
      total: 1,
      invoices: [
        {
          id: expect.stringMatching(/^pin_/),
          customerId: customer.id,
          subscriptionId: subscription.id,
          stripeInvoiceId: firstInStripe.id,
          number: firstInStripe.number,
          status: 'paid',
          currency: 'eur',
          amountDue: 2500,
          amountPaid: 2500,
          total: 2500,
          periodStart: iso(paidAt),
          periodEnd: iso(paidAt),
          paidAt: iso(paidAt),
          hostedInvoiceUrl: firstInStripe.hosted_invoice_url,
          createdAt: iso(paidAt),
        },
      ],
    });

    // Renewal: the period moves on by a month and a second invoice is paid (finalized an hour after the rollover).
    emulator().advanceTime(secretKey, 31 * 86_400 + 3600);
    await emulator().idle();
    const renewed = await getSubscription(subscription.id);
    expect(renewed.body.subscription).toEqual(await expected());
    expect(renewed.body.subscription).toMatchObject({ status: 'active', currentPeriodStart: subscription.currentPeriodEnd });
    const renewalInvoices = await listInvoices(customer.id);
    expect(renewalInvoices.body.total).toBe(2);
    expect(renewalInvoices.body.invoices[1]).toEqual(firstInvoices.body.invoices[0]);
    expect(renewalInvoices.body.invoices[0]).toMatchObject({
      subscriptionId: subscription.id,
      status: 'paid',
      amountPaid: 2500,
      periodStart: subscription.currentPeriodStart,
      periodEnd: subscription.currentPeriodEnd,
      createdAt: subscription.currentPeriodEnd,
    });

    // Each change answers the fresh row at once, before any webhook, and the webhook leaves it so.
    const scheduled = await act(cancelRoute, 'cancel', subscription.id);
    expect(scheduled).toMatchObject({ status: 200, body: { subscription: { status: 'active', cancelAtPeriodEnd: true, canceledAt: expect.any(String) } } });
    expect(scheduled.body.subscription).toEqual(await expected());
    await emulator().idle();
    expect((await getSubscription(subscription.id)).body.subscription).toEqual(scheduled.body.subscription);

    const resumed = await act(resumeRoute, 'resume', subscription.id);
    expect(resumed).toMatchObject({ status: 200, body: { subscription: { status: 'active', cancelAtPeriodEnd: false, canceledAt: null } } });
    expect(resumed.body.subscription).toEqual(await expected());
    await emulator().idle();

    const canceled = await act(cancelRoute, 'cancel', subscription.id, { atPeriodEnd: false });
    const now = iso((await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId)).canceled_at);
    expect(canceled).toMatchObject({ status: 200, body: { subscription: { status: 'canceled', cancelAtPeriodEnd: false, canceledAt: now, endedAt: now, cancellationReason: 'cancellation_requested' } } });
    expect(canceled.body.subscription).toEqual(await expected());
    await emulator().idle();
    expect((await getSubscription(subscription.id)).body.subscription).toEqual(canceled.body.subscription);

    for (const [route, action] of [[resumeRoute, 'resume'], [cancelRoute, 'cancel']] as const) {
      expect(await act(route, action, subscription.id)).toMatchObject({ status: 409, body: { error: 'Subscription is already canceled', code: 'conflict' } });
    }

    // History: one row per change, each carrying its Stripe event and that event's time.
    const db = await getDb();
    const history = await db
      .select()
      .from(subscriptionHistory)
      .where(eq(subscriptionHistory.subscriptionId, subscription.id))
      .orderBy(asc(subscriptionHistory.occurredAt), asc(subscriptionHistory.id));
    expect(history.map((row) => [row.eventType, row.status, row.cancelAtPeriodEnd])).toEqual([
      ['customer.subscription.created', 'active', false],
      ['customer.subscription.updated', 'active', false],
      ['customer.subscription.updated', 'active', true],
      ['customer.subscription.updated', 'active', false],
      ['customer.subscription.deleted', 'canceled', false],
    ]);
    expect(history[1].currentPeriodStart?.toISOString()).toBe(subscription.currentPeriodEnd);
    expect(history.map((row) => row.mrr)).toEqual([2500, 2500, 2500, 2500, 0]);
    const events = (await stripe.events.list({ limit: 100 })).data.filter(
      (event) => event.type.startsWith('customer.subscription.') && (event.data.object as Stripe.Subscription).id === subscription.stripeSubscriptionId,
    );
    // Stripe lists the last 30 days of events: the history rows of that window match them one for one.
    const listedSince = (await stripe.events.list({ limit: 1 })).data[0].created - 30 * 86_400;
    const recent = history.filter((row) => row.occurredAt.getTime() / 1000 >= listedSince);
    expect(recent.map((row) => [row.stripeEventId, row.eventType, row.occurredAt.toISOString()]).sort()).toEqual(
      events.map((event) => [event.id, event.type, iso(event.created)]).sort(),
    );
  });
});
