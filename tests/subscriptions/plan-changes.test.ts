// Plan changes through BillStack's API with Stripe's webhooks delivered for real: an upgrade billed at
// once with prorations, a downgrade at the period end through a subscription schedule, previews that
// equal the invoices that follow, the project's defaults, the portal switch, and the refusals.
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import * as subscriptionRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/route';
import * as changeRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/change/route';
import * as previewRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/change/preview/route';
import * as cancelRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/cancel/route';
import * as settingsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/settings/route';
import * as customersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/route';
import * as customerSubscriptionsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/subscriptions/route';
import * as customerInvoicesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/invoices/route';
import * as priceRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/prices/[priceId]/route';
import { call } from '../helpers/http';
import { uniqueEmail } from '../helpers/fixtures';
import { createPriceRow, createProductRow, projectParams, projectPath } from '../helpers/catalog';
import { useStripeEmulator } from '../helpers/stripe';
import { useWebhookBridge } from '../helpers/webhook-bridge';
import { buildWorld, type World } from '../helpers/world';
import { issuePortal, portalApi } from '../portal/fixtures';
import { payCheckout, startCheckout } from './fixtures';

const emulator = useStripeEmulator();
useWebhookBridge();
let world: World;
let stripe: Stripe;
let secretKey: string;
const day = 86_400;

type Price = Awaited<ReturnType<typeof createPriceRow>>;
let basic: Price;
let pro: Price;

beforeAll(async () => {
  world = await buildWorld();
  ({ stripe, secretKey } = world.stripeAccount!);
  const product = await createProductRow(world, { name: 'Acme' });
  basic = await createPriceRow(world, { unitAmount: 1000, currency: 'usd', interval: 'month', nickname: 'Basic' }, product.id);
  pro = await createPriceRow(world, { unitAmount: 3000, currency: 'usd', interval: 'month', nickname: 'Pro' }, product.id);
});

const headers = () => world.owner.headers;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const subscriptionPath = (id: string, suffix = '') => projectPath(world, `/subscriptions/${id}${suffix}`);
const getSubscription = async (id: string) =>
  (await call(subscriptionRoute.GET, subscriptionPath(id), { params: projectParams(world, { subscriptionId: id }), headers: headers() })).body.subscription;
const change = (id: string, body: unknown) =>
  call(changeRoute.POST, subscriptionPath(id, '/change'), { method: 'POST', params: projectParams(world, { subscriptionId: id }), body, headers: headers() });
const preview = (id: string, body: unknown) =>
  call(previewRoute.POST, subscriptionPath(id, '/change/preview'), { method: 'POST', params: projectParams(world, { subscriptionId: id }), body, headers: headers() });
const putSettings = (body: unknown) =>
  call(settingsRoute.PUT, projectPath(world, '/settings'), { method: 'PUT', params: projectParams(world), body, headers: headers() });
const getSettings = () => call(settingsRoute.GET, projectPath(world, '/settings'), { params: projectParams(world), headers: headers() });
const listInvoices = async (customerId: string) =>
  (await call(customerInvoicesRoute.GET, projectPath(world, `/customers/${customerId}/invoices`), { params: projectParams(world, { customerId }), headers: headers() }))
    .body.invoices as { stripeInvoiceId: string; amountDue: number; status: string; total: number }[];

/** A customer who paid for `price` on Stripe's checkout page (so Stripe has their card), with every webhook applied. */
async function subscribe(price: Price) {
  const email = uniqueEmail('planchange');
  const checkout = await startCheckout(world, { customerEmail: email, priceId: price.id });
  expect(checkout.status).toBe(201);
  expect(await payCheckout(checkout.body.checkout.url)).toBe(303);
  await emulator().idle();
  const customers = await call(customersRoute.GET, projectPath(world, '/customers'), { params: projectParams(world), query: { email }, headers: headers() });
  const customer = customers.body.customers[0] as { id: string; stripeCustomerId: string };
  const subscriptions = await call(customerSubscriptionsRoute.GET, projectPath(world, `/customers/${customer.id}/subscriptions`), {
    params: projectParams(world, { customerId: customer.id }),
    headers: headers(),
  });
  const subscription = subscriptions.body.subscriptions[0];
  const inStripe = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId);
  const { current_period_start: periodStart, current_period_end: periodEnd } = inStripe.items.data[0];
  return { customer, subscription, periodStart, periodEnd };
}

/** Stripe's proration of a price over the rest of a period, one line per side, rounded as Stripe rounds each line. */
function prorated(unitAmount: number, { from, periodStart, periodEnd }: { from: number; periodStart: number; periodEnd: number }) {
  return Math.round((unitAmount * (periodEnd - from)) / (periodEnd - periodStart));
}

const planItem = (price: Price) => ({ priceId: price.id, stripePriceId: price.stripePriceId, quantity: 1 });

describe('an upgrade made now', () => {
  it('bills the prorated difference at once (the upgrade default), exactly as previewed', async () => {
    const { customer, subscription, periodStart, periodEnd } = await subscribe(basic);
    emulator().advanceTime(secretKey, 10 * day);
    await emulator().idle();

    const previewed = await preview(subscription.id, { items: [{ priceId: pro.id }] });
    expect(previewed.status).toBe(200);
    const from = Date.parse(previewed.body.preview.prorationDate) / 1000;
    // To the second, over the item's period: a credit for the unused 10 USD and a charge for the rest at 30 USD.
    const credit = -prorated(1000, { from, periodStart, periodEnd });
    const charge = prorated(3000, { from, periodStart, periodEnd });
    expect(previewed.body.preview).toEqual({
      when: 'now',
      proration: 'always_invoice',
      prorationDate: iso(from),
      amountDueNow: charge + credit,
      currency: 'usd',
      nextInvoiceAmount: 3000,
      nextInvoiceAt: iso(periodEnd),
      lines: [
        { description: '1 × Acme (at 30.00 USD / month)', amount: 3000, proration: false, periodStart: iso(periodEnd), periodEnd: expect.any(String), due: 'next_invoice' },
        { description: expect.stringMatching(/^Unused time on Acme after /), amount: credit, proration: true, periodStart: iso(from), periodEnd: iso(periodEnd), due: 'now' },
        { description: expect.stringMatching(/^Remaining time on Acme after /), amount: charge, proration: true, periodStart: iso(from), periodEnd: iso(periodEnd), due: 'now' },
      ],
    });
    // 20 of 31 days left at +20 USD a month: about 13 USD.
    expect(charge + credit).toBeGreaterThan(1250);
    expect(charge + credit).toBeLessThan(1400);

    const changed = await change(subscription.id, { items: [{ priceId: pro.id }], prorationDate: previewed.body.preview.prorationDate });
    expect(changed.status).toBe(200);
    expect(changed.body.subscription).toEqual({ ...subscription, items: [planItem(pro)], pendingChange: null });
    await emulator().idle();
    expect(await getSubscription(subscription.id)).toEqual(changed.body.subscription);

    // The invoice cut at once: paid, for exactly the previewed amount, with the previewed proration lines.
    const [upgradeInvoice, firstInvoice] = await listInvoices(customer.id);
    expect(firstInvoice).toMatchObject({ amountDue: 1000, status: 'paid' });
    expect(upgradeInvoice).toMatchObject({ amountDue: charge + credit, total: charge + credit, status: 'paid' });
    const inStripe = await stripe.invoices.retrieve(upgradeInvoice.stripeInvoiceId);
    expect(inStripe.billing_reason).toBe('subscription_update');
    const nowLines = previewed.body.preview.lines.filter((line: { due: string }) => line.due === 'now');
    expect(inStripe.lines.data.map((line) => ({ description: line.description, amount: line.amount }))).toEqual(
      nowLines.map((line: { description: string; amount: number }) => ({ description: line.description, amount: line.amount })),
    );

    // The next renewal bills the new price alone, as the preview said.
    emulator().advanceTime(secretKey, 25 * day);
    await emulator().idle();
    const [renewal] = await listInvoices(customer.id);
    expect(renewal).toMatchObject({ amountDue: previewed.body.preview.nextInvoiceAmount, status: 'paid' });
  });
});

describe('a downgrade at the period end', () => {
  it('waits in a subscription schedule (the downgrade default), shows as pendingChange, and applies at the period end', async () => {
    const { customer, subscription, periodEnd } = await subscribe(pro);
    emulator().advanceTime(secretKey, 5 * day);
    await emulator().idle();

    const previewed = await preview(subscription.id, { items: [{ priceId: basic.id }] });
    expect(previewed.body.preview).toEqual({
      when: 'period_end',
      proration: 'none',
      prorationDate: null,
      amountDueNow: 0,
      currency: 'usd',
      nextInvoiceAmount: 1000,
      nextInvoiceAt: iso(periodEnd),
      lines: [
        { description: '1 × Acme (at 10.00 USD / month)', amount: 1000, proration: false, periodStart: iso(periodEnd), periodEnd: expect.any(String), due: 'next_invoice' },
      ],
    });

    const changed = await change(subscription.id, { items: [{ priceId: basic.id }] });
    expect(changed.status).toBe(200);
    const pendingChange = { items: [planItem(basic)], effectiveAt: iso(periodEnd) };
    expect(changed.body.subscription).toEqual({ ...subscription, pendingChange });
    const inStripe = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId);
    const schedule = await stripe.subscriptionSchedules.retrieve(String(inStripe.schedule));
    expect(schedule.phases.map((phase) => [phase.start_date, phase.items.map((item) => item.price)])).toEqual([
      [inStripe.items.data[0].current_period_start, [pro.stripePriceId]],
      [periodEnd, [basic.stripePriceId]],
    ]);
    expect(schedule.end_behavior).toBe('release');
    // Nothing billed now, and the webhooks that follow leave the pending change in place.
    await emulator().idle();
    expect(await listInvoices(customer.id)).toHaveLength(1);
    expect(await getSubscription(subscription.id)).toEqual(changed.body.subscription);

    emulator().advanceTime(secretKey, 30 * day);
    await emulator().idle();
    const after = await getSubscription(subscription.id);
    expect(after).toMatchObject({ items: [planItem(basic)], pendingChange: null, currentPeriodStart: iso(periodEnd), status: 'active' });
    const [renewal] = await listInvoices(customer.id);
    expect(renewal).toMatchObject({ amountDue: previewed.body.preview.nextInvoiceAmount, status: 'paid' });
  });

  it('is replaced by a later change: the schedule is released and pendingChange cleared', async () => {
    const { subscription } = await subscribe(pro);
    const scheduled = await change(subscription.id, { items: [{ priceId: basic.id }] });
    expect(scheduled.body.subscription.pendingChange).not.toBeNull();
    const { schedule } = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId);

    // Back to the current plan, now: the customer changed their mind before the period ended.
    const kept = await change(subscription.id, { items: [{ priceId: pro.id }] });
    expect(kept.status).toBe(200);
    expect(kept.body.subscription).toEqual({ ...subscription, pendingChange: null });
    expect((await stripe.subscriptionSchedules.retrieve(String(schedule))).status).toBe('released');
    expect((await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId)).schedule).toBeNull();
    await emulator().idle();
    expect(await getSubscription(subscription.id)).toEqual(kept.body.subscription);
  });
});

describe('a schedule made in Stripe directly', () => {
  it('reaches BillStack as pendingChange through its webhooks, and goes when it is released', async () => {
    const { subscription, periodEnd } = await subscribe(pro);
    const schedule = await stripe.subscriptionSchedules.create({ from_subscription: subscription.stripeSubscriptionId });
    const [phase] = schedule.phases;
    await stripe.subscriptionSchedules.update(schedule.id, {
      phases: [
        { items: [{ price: pro.stripePriceId, quantity: 1 }], start_date: phase.start_date, end_date: phase.end_date },
        { items: [{ price: basic.stripePriceId, quantity: 2 }], duration: { interval: 'month', interval_count: 1 } },
      ],
    });
    await emulator().idle();
    expect((await getSubscription(subscription.id)).pendingChange).toEqual({ items: [{ ...planItem(basic), quantity: 2 }], effectiveAt: iso(periodEnd) });

    await stripe.subscriptionSchedules.release(schedule.id);
    await emulator().idle();
    expect(await getSubscription(subscription.id)).toEqual({ ...subscription, pendingChange: null });
  });
});

describe('a cancellation with a change pending', () => {
  it('releases the schedule first (Stripe refuses cancellation settings on a scheduled subscription) and drops the change', async () => {
    const { subscription } = await subscribe(pro);
    const scheduled = await change(subscription.id, { items: [{ priceId: basic.id }] });
    expect(scheduled.body.subscription.pendingChange).not.toBeNull();
    const { schedule } = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId);
    await expect(stripe.subscriptions.update(subscription.stripeSubscriptionId, { cancel_at_period_end: true })).rejects.toThrow(
      `The subscription is managed by the subscription schedule \`${schedule}\`, and updating any cancelation behavior directly is not allowed. Please update the schedule instead.`,
    );

    const canceled = await call(cancelRoute.POST, subscriptionPath(subscription.id, '/cancel'), {
      method: 'POST',
      params: projectParams(world, { subscriptionId: subscription.id }),
      headers: headers(),
    });
    expect(canceled.status).toBe(200);
    expect(canceled.body.subscription).toMatchObject({ items: [planItem(pro)], cancelAtPeriodEnd: true, pendingChange: null });
    expect((await stripe.subscriptionSchedules.retrieve(String(schedule))).status).toBe('released');
    await emulator().idle();
    expect(await getSubscription(subscription.id)).toEqual(canceled.body.subscription);
  });
});

describe('project settings', () => {
  it('start at the defaults, are replaced by PUT, and decide changes that leave when/proration out', async () => {
    const defaults = { upgrade: { when: 'now', proration: 'always_invoice' }, downgrade: { when: 'period_end', proration: 'none' } };
    expect(await getSettings()).toMatchObject({ status: 200, body: { settings: { planChanges: defaults } } });
    const swapped = { upgrade: { when: 'period_end', proration: 'none' }, downgrade: { when: 'now', proration: 'create_prorations' } };
    expect(await putSettings({ planChanges: swapped })).toMatchObject({ status: 200, body: { settings: { planChanges: swapped } } });
    expect((await getSettings()).body).toEqual({ settings: { planChanges: swapped } });

    try {
      // An upgrade now waits for the period end.
      const upgrading = await subscribe(basic);
      const upgraded = await change(upgrading.subscription.id, { items: [{ priceId: pro.id }] });
      expect(upgraded.body.subscription).toMatchObject({ items: [planItem(basic)], pendingChange: { items: [planItem(pro)], effectiveAt: iso(upgrading.periodEnd) } });

      // A downgrade applies now, its prorations left pending for the next invoice: nothing billed now.
      const downgrading = await subscribe(pro);
      emulator().advanceTime(secretKey, 10 * day);
      const previewed = await preview(downgrading.subscription.id, { items: [{ priceId: basic.id }] });
      expect(previewed.body.preview).toMatchObject({ when: 'now', proration: 'create_prorations', amountDueNow: 0 });
      const from = Date.parse(previewed.body.preview.prorationDate) / 1000;
      const { periodStart, periodEnd } = downgrading;
      const credit = -prorated(3000, { from, periodStart, periodEnd });
      const charge = prorated(1000, { from, periodStart, periodEnd });
      // The credit exceeds the next month at 10 USD: that invoice is 0 and Stripe keeps the rest as the customer's balance.
      expect(previewed.body.preview.lines.map((line: { amount: number }) => line.amount)).toEqual([1000, credit, charge]);
      expect(previewed.body.preview.nextInvoiceAmount).toBe(Math.max(0, 1000 + credit + charge));
      const downgraded = await change(downgrading.subscription.id, { items: [{ priceId: basic.id }], prorationDate: previewed.body.preview.prorationDate });
      expect(downgraded.body.subscription).toMatchObject({ items: [planItem(basic)], pendingChange: null });
      await emulator().idle();
      expect(await listInvoices(downgrading.customer.id)).toHaveLength(1);
      const pending = await stripe.invoiceItems.list({ customer: downgrading.customer.stripeCustomerId, pending: true });
      expect(pending.data.map((item) => item.amount).sort((a, b) => a - b)).toEqual([credit, charge]);

      // What the request says wins over the defaults.
      const explicit = await subscribe(basic);
      const now = await change(explicit.subscription.id, { items: [{ priceId: pro.id }], when: 'now', proration: 'none' });
      expect(now.body.subscription).toMatchObject({ items: [planItem(pro)], pendingChange: null });
      await emulator().idle();
      expect(await listInvoices(explicit.customer.id)).toHaveLength(1);
    } finally {
      await putSettings({ planChanges: defaults });
    }
  });

  it('refuses settings that are incomplete or unknown', async () => {
    expect(await putSettings({ planChanges: { upgrade: { when: 'now', proration: 'none' } } })).toEqual(
      expect.objectContaining({ status: 400, body: { error: 'Invalid body field "planChanges.downgrade": Invalid input: expected object, received undefined', code: 'validation_error', field: 'planChanges.downgrade' } }),
    );
    const upgrade = { when: 'later', proration: 'none' };
    expect((await putSettings({ planChanges: { upgrade, downgrade: upgrade } })).status).toBe(400);
    expect((await putSettings({ planChanges: { upgrade: { when: 'now', proration: 'none', extra: 1 }, downgrade: { when: 'now', proration: 'none' } } })).body).toEqual({
      error: 'Unknown field "planChanges.upgrade.extra" in body',
      code: 'validation_error',
      field: 'planChanges.upgrade.extra',
    });
  });
});

describe('refusals', () => {
  it('answers 404 for unknown prices and other projects\' prices or subscriptions, 400 for unusable prices, 409 when ended', async () => {
    const { subscription } = await subscribe(basic);
    const euro = await createPriceRow(world, { unitAmount: 1000, currency: 'eur', interval: 'month' });
    const oneOff = await createPriceRow(world, { unitAmount: 1000, currency: 'usd', interval: undefined });
    const archived = await createPriceRow(world, { unitAmount: 2000, currency: 'usd', interval: 'month' });
    const archiving = await call(priceRoute.PATCH, projectPath(world, `/prices/${archived.id}`), {
      method: 'PATCH',
      params: projectParams(world, { priceId: archived.id }),
      body: { active: false },
      headers: headers(),
    });
    expect(archiving.status).toBe(200);
    const sibling = { ...world, project: world.siblingProject };
    const siblingPrice = await createPriceRow(sibling, { unitAmount: 1000, currency: 'usd', interval: 'month' });

    const refusals: [unknown, number, string][] = [
      [{ items: [{ priceId: 'pri_doesnotexist0000000' }] }, 404, 'Price not found'],
      [{ items: [{ priceId: siblingPrice.id }] }, 404, 'Price not found'],
      [{ items: [{ priceId: euro.id }] }, 400, `Price ${euro.id} is in EUR, the subscription in USD`],
      [{ items: [{ priceId: oneOff.id }] }, 400, `Price ${oneOff.id} is not recurring`],
      [{ items: [{ priceId: archived.id }] }, 400, `Price ${archived.id} is archived`],
      [{ items: [{ priceId: pro.id }, { priceId: pro.id, quantity: 2 }] }, 400, `Price ${pro.id} is given twice: give it once with its quantity`],
      [{ items: [] }, 400, 'Invalid body field "items": Too small: expected array to have >=1 items'],
      [{ items: [{ priceId: pro.id }], when: 'tomorrow' }, 400, 'Invalid body field "when": Invalid option: expected one of "now"|"period_end"'],
      [{ items: [{ priceId: pro.id }], coupon: 'x' }, 400, 'Unknown field "coupon" in body'],
      [{ items: [{ priceId: basic.id }], when: 'period_end', prorationDate: new Date().toISOString() }, 400, 'prorationDate applies only to a change made now'],
    ];
    for (const [body, status, error] of refusals) {
      for (const send of [change, preview]) expect(await send(subscription.id, body)).toMatchObject({ status, body: { error } });
    }
    // Nothing reached Stripe.
    const inStripe = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId);
    expect([inStripe.items.data.map((item) => item.price.id), inStripe.schedule]).toEqual([[basic.stripePriceId], null]);

    // A subscription set to end at the period end has no plan from then to change.
    const ending = await call(cancelRoute.POST, subscriptionPath(subscription.id, '/cancel'), {
      method: 'POST',
      params: projectParams(world, { subscriptionId: subscription.id }),
      headers: headers(),
    });
    expect(ending.body.subscription.cancelAtPeriodEnd).toBe(true);
    expect(await change(subscription.id, { items: [{ priceId: pro.id }, { priceId: basic.id }], when: 'period_end' })).toMatchObject({
      status: 409,
      body: { error: 'Subscription ends at the period end: resume it before changing its plan from then', code: 'conflict' },
    });

    const other = await call(changeRoute.POST, `/api/billstack/teams/${world.team.id}/projects/${world.siblingProject.id}/subscriptions/${subscription.id}/change`, {
      method: 'POST',
      params: { teamId: world.team.id, projectId: world.siblingProject.id, subscriptionId: subscription.id },
      body: { items: [{ priceId: pro.id }] },
      headers: headers(),
    });
    expect(other).toMatchObject({ status: 404, body: { error: 'Subscription not found', code: 'subscription_not_found' } });

    const canceled = await call(cancelRoute.POST, subscriptionPath(subscription.id, '/cancel'), {
      method: 'POST',
      params: projectParams(world, { subscriptionId: subscription.id }),
      body: { atPeriodEnd: false },
      headers: headers(),
    });
    expect(canceled.body.subscription.status).toBe('canceled');
    for (const send of [change, preview]) {
      expect(await send(subscription.id, { items: [{ priceId: pro.id }] })).toMatchObject({ status: 409, body: { error: 'Subscription is already canceled', code: 'conflict' } });
    }
  });
});

describe('the portal switch', () => {
  it('offers the active recurring prices of the subscription\'s currency, previews, and switches with the project defaults', async () => {
    const { customer, subscription, periodEnd } = await subscribe(basic);
    const { token } = await issuePortal(world, { customerId: customer.id });
    const plans = await portalApi.plans(token, subscription.id);
    expect(plans.status).toBe(200);
    const offered = plans.body.plans as { priceId: string; current: boolean; unitAmount: number; currency: string }[];
    // Other tests add euro, one-off and archived prices: none of them is offered.
    expect(offered.every((plan) => plan.currency === 'usd')).toBe(true);
    expect(offered.find((plan) => plan.priceId === basic.id)).toEqual({
      priceId: basic.id,
      productName: 'Acme',
      unitAmount: 1000,
      currency: 'usd',
      interval: 'month',
      intervalCount: 1,
      current: true,
    });
    expect(offered.find((plan) => plan.priceId === pro.id)).toMatchObject({ current: false, unitAmount: 3000 });

    const previewed = await portalApi.previewChange(token, subscription.id, pro.id);
    expect(previewed.body.preview).toMatchObject({ when: 'now', proration: 'always_invoice', nextInvoiceAmount: 3000, nextInvoiceAt: iso(periodEnd) });
    const switched = await portalApi.change(token, subscription.id, pro.id);
    expect(switched.status).toBe(200);
    expect(switched.body.subscription).toMatchObject({
      id: subscription.id,
      items: [{ ...planItem(pro), productName: 'Acme', unitAmount: 3000, currency: 'usd', interval: 'month', intervalCount: 1 }],
      pendingChange: null,
    });

    // Back down: at the period end, shown with the plan's name.
    const down = await portalApi.change(token, subscription.id, basic.id);
    expect(down.body.subscription.pendingChange).toEqual({
      items: [{ ...planItem(basic), productName: 'Acme', unitAmount: 1000, currency: 'usd', interval: 'month', intervalCount: 1 }],
      effectiveAt: iso(periodEnd),
    });
    await emulator().idle();
  });

  it('refuses plans it does not offer and other customers\' subscriptions', async () => {
    const { customer, subscription } = await subscribe(basic);
    const stranger = await subscribe(basic);
    const { token } = await issuePortal(world, { customerId: customer.id });
    const euro = await createPriceRow(world, { unitAmount: 1000, currency: 'eur', interval: 'month' });
    expect(await portalApi.change(token, subscription.id, euro.id)).toMatchObject({ status: 404, body: { error: 'Plan not found', code: 'plan_not_found' } });
    expect(await portalApi.previewChange(token, subscription.id, 'pri_doesnotexist0000000')).toMatchObject({ status: 404, body: { error: 'Plan not found', code: 'plan_not_found' } });
    for (const response of [
      await portalApi.plans(token, stranger.subscription.id),
      await portalApi.previewChange(token, stranger.subscription.id, pro.id),
      await portalApi.change(token, stranger.subscription.id, pro.id),
    ]) {
      expect(response).toMatchObject({ status: 404, body: { error: 'Subscription not found', code: 'subscription_not_found' } });
    }
    expect(await portalApi.change('not-a-token', subscription.id, pro.id)).toMatchObject({ status: 401, body: { error: 'Invalid portal token', code: 'invalid_portal_token' } });
  });
});
