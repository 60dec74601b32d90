// Reading, filtering, cancelling and resuming subscriptions. This file has no webhook delivery: every row
// a change answers comes from the change itself, not from a webhook.
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { invoices, projects, subscriptions } from '@/db/schema';
import { newId } from '@/lib/http/ids';
import { invoiceSort } from '@/lib/subscriptions/schemas';
import { listInvoices } from '@/lib/subscriptions/service';
import { stripeForTeam } from '@/lib/stripe/connection';
import * as subscriptionsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/route';
import * as subscriptionRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/route';
import * as cancelRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/cancel/route';
import * as resumeRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/resume/route';
import * as customerSubscriptionsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/subscriptions/route';
import * as customerInvoicesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/invoices/route';
import { call } from '../helpers/http';
import { createCustomerRow, projectParams, projectPath } from '../helpers/catalog';
import { createProject } from '../helpers/fixtures';
import { expectOrder } from '../helpers/sorting';
import { useStripeEmulator } from '../helpers/stripe';
import { buildWorld, type World } from '../helpers/world';
import { createSubscriptionRow } from './fixtures';

const emulator = useStripeEmulator();
let world: World;
let stripe: Stripe;
let secretKey: string;

beforeAll(async () => {
  world = await buildWorld();
  ({ stripe, secretKey } = world.stripeAccount!);
});

type Ref = Pick<World, 'owner' | 'team' | 'project'>;
const sibling = (): Ref => ({ ...world, project: world.siblingProject });
const otherTeam = (): Ref => ({ owner: world.otherOwner, team: world.otherTeam, project: world.otherProject });

const list = (query: Record<string, string | number> = {}) =>
  call(subscriptionsRoute.GET, projectPath(world, '/subscriptions'), { params: projectParams(world), query, headers: world.owner.headers });
const get = (subscriptionId: string, ref: Ref = world) =>
  call(subscriptionRoute.GET, projectPath(ref, `/subscriptions/${subscriptionId}`), {
    params: projectParams(ref, { subscriptionId }),
    headers: ref.owner.headers,
  });
const post = (action: 'cancel' | 'resume', subscriptionId: string, { body, ref = world, headers = {} }: { body?: unknown; ref?: Ref; headers?: Record<string, string> } = {}) =>
  call((action === 'cancel' ? cancelRoute : resumeRoute).POST, projectPath(ref, `/subscriptions/${subscriptionId}/${action}`), {
    method: 'POST',
    params: projectParams(ref, { subscriptionId }),
    body,
    headers: { ...ref.owner.headers, ...headers },
  });
const ofCustomer = (what: 'subscriptions' | 'invoices', customerId: string, ref: Ref = world, query: Record<string, number> = {}) =>
  call((what === 'subscriptions' ? customerSubscriptionsRoute : customerInvoicesRoute).GET, projectPath(ref, `/customers/${customerId}/${what}`), {
    params: projectParams(ref, { customerId }),
    query,
    headers: ref.owner.headers,
  });
const ids = (res: { body: { subscriptions: { id: string }[] } }) => res.body.subscriptions.map((subscription) => subscription.id);

describe('reading subscriptions', () => {
  it('answers the contract shape, from Stripe\'s state', async () => {
    const { subscription, customer, price } = await createSubscriptionRow(world);
    const inStripe = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId);
    const [item] = inStripe.items.data;
    const res = await get(subscription.id);
    expect(res).toMatchObject({ status: 200 });
    expect(res.body).toEqual({
      subscription: {
        id: subscription.id,
        customerId: customer.id,
        status: 'active',
        currency: 'usd',
        items: [{ priceId: price.id, stripePriceId: price.stripePriceId, quantity: 1 }],
        currentPeriodStart: new Date(item.current_period_start * 1000).toISOString(),
        currentPeriodEnd: new Date(item.current_period_end * 1000).toISOString(),
        cancelAtPeriodEnd: false,
        canceledAt: null,
        endedAt: null,
        cancellationReason: null,
        trialEnd: null,
        pendingChange: null,
        stripeSubscriptionId: inStripe.id,
        createdAt: new Date(inStripe.created * 1000).toISOString(),
      },
    });
  });

  it('lists newest first with the total, filtered by customer and status, in pages', async () => {
    const older = await createSubscriptionRow(world);
    emulator().advanceTime(secretKey, 60);
    const newer = await createSubscriptionRow(world);
    const all = await list();
    expect(all.status).toBe(200);
    expect(ids(all).indexOf(newer.subscription.id)).toBeLessThan(ids(all).indexOf(older.subscription.id));
    expect(all.body.total).toBe(all.body.subscriptions.length);
    expect((await list({ customerId: older.customer.id })).body).toMatchObject({ total: 1, subscriptions: [{ id: older.subscription.id }] });
    expect((await list({ limit: 1, offset: 1 })).body).toMatchObject({ total: all.body.total, subscriptions: [{ id: all.body.subscriptions[1].id }] });
    await post('cancel', older.subscription.id, { body: { atPeriodEnd: false } });
    expect(ids(await list({ status: 'canceled' }))).toEqual([older.subscription.id]);
    expect(ids(await list({ status: 'active' }))).not.toContain(older.subscription.id);
  });

  it('sorts by creation, status or period end, either way, the id breaking ties; no period end comes last', async () => {
    const project = await createProject(world.owner, world.team.id, 'Sorting');
    const ref = { ...world, project };
    const { subscription: one } = await createSubscriptionRow(ref);
    const { subscription: two } = await createSubscriptionRow(ref);
    const { subscription: three } = await createSubscriptionRow(ref);
    const db = await getDb();
    const set = (ids: string[], values: Partial<typeof subscriptions.$inferInsert>) =>
      db.update(subscriptions).set(values).where(inArray(subscriptions.id, ids));
    await set([one.id], { createdAt: new Date('2026-01-01T00:00:00Z'), status: 'past_due', currentPeriodEnd: null });
    await set([two.id, three.id], { createdAt: new Date('2026-01-02T00:00:00Z') });
    await set([two.id], { currentPeriodEnd: new Date('2026-03-01T00:00:00Z') });
    await set([three.id], { currentPeriodEnd: new Date('2026-02-01T00:00:00Z') });
    const idsOf = async (query: Record<string, string | number>) =>
      ids(await call(subscriptionsRoute.GET, projectPath(ref, '/subscriptions'), { params: projectParams(ref), query, headers: world.owner.headers }));

    const oldest = await expectOrder(idsOf, 'created', [[one.id], [two.id, three.id]]);
    const newest = await expectOrder(idsOf, '-created', [[two.id, three.id], [one.id]]);
    expect(newest.slice(0, 2)).toEqual(oldest.slice(1).reverse());
    expect(await idsOf({})).toEqual(newest);
    const active = await expectOrder(idsOf, 'status', [[two.id, three.id], [one.id]]);
    const pastDue = await expectOrder(idsOf, '-status', [[one.id], [two.id, three.id]]);
    expect(pastDue.slice(1)).toEqual(active.slice(0, 2).reverse());
    await expectOrder(idsOf, 'current_period_end', [[three.id], [two.id], [one.id]]);
    await expectOrder(idsOf, '-current_period_end', [[two.id], [three.id], [one.id]]);
    // The filters apply as before, in the order asked for.
    expect(await idsOf({ status: 'active', sort: 'current_period_end' })).toEqual([three.id, two.id]);
  });

  it("sorts the project's invoices (the dashboard's list) by creation or status, the id breaking ties", async () => {
    const created = await createProject(world.owner, world.team.id, 'Invoices sorting');
    const customer = await createCustomerRow({ ...world, project: created });
    const db = await getDb();
    const [project] = await db.select().from(projects).where(eq(projects.id, created.id));
    const invoice = (status: string, createdAt: string) => ({
      id: newId('invoice'),
      teamId: world.team.id,
      projectId: project.id,
      customerId: customer.id,
      stripeInvoiceId: `in_${newId('invoice')}`,
      status,
      currency: 'usd',
      amountDue: 1000,
      amountPaid: 0,
      total: 1000,
      createdAt: new Date(createdAt),
    });
    const paid = invoice('paid', '2026-01-01T00:00:00Z');
    const open = invoice('open', '2026-01-02T00:00:00Z');
    const draft = invoice('draft', '2026-01-02T00:00:00Z');
    await db.insert(invoices).values([paid, open, draft]);
    const idsOf = async ({ sort, limit = 100, offset = 0 }: Record<string, string | number>) =>
      (await listInvoices(db, project, { sort: invoiceSort.parse(sort), limit: Number(limit), offset: Number(offset) })).invoices.map((row) => row.id);

    const oldest = await expectOrder(idsOf, 'created', [[paid.id], [open.id, draft.id]]);
    const newest = await expectOrder(idsOf, '-created', [[open.id, draft.id], [paid.id]]);
    expect(newest.slice(0, 2)).toEqual(oldest.slice(1).reverse());
    expect(await idsOf({})).toEqual(newest);
    await expectOrder(idsOf, 'status', [[draft.id], [open.id], [paid.id]]);
    await expectOrder(idsOf, '-status', [[paid.id], [open.id], [draft.id]]);
  });

  it('filters by a price among the items', async () => {
    const first = await createSubscriptionRow(world);
    const second = await createSubscriptionRow(world);
    expect((await list({ priceId: first.price.id })).body).toMatchObject({ total: 1, subscriptions: [{ id: first.subscription.id }] });
    expect(ids(await list({ priceId: second.price.id }))).toEqual([second.subscription.id]);
    expect((await list({ priceId: 'pri_missing' })).body).toEqual({ total: 0, subscriptions: [] });
  });

  it.each([
    [{ status: 'ended' }, 'Invalid query field "status": Invalid option: expected one of "incomplete"|"incomplete_expired"|"trialing"|"active"|"past_due"|"canceled"|"unpaid"|"paused"'],
    [{ limit: 101 }, 'Invalid query field "limit": Too big: expected number to be <=100'],
    [{ sort: 'period_end' }, 'Invalid query field "sort": Invalid option: expected one of "created"|"-created"|"status"|"-status"|"current_period_end"|"-current_period_end"'],
  ])('refuses the query %j with 400', async (query, error) => {
    expect(await list(query)).toMatchObject({ status: 400, body: { error, code: 'validation_error', field: Object.keys(query)[0] } });
  });

  it('lists a customer\'s subscriptions, and an empty invoice list before any webhook', async () => {
    const { subscription, customer } = await createSubscriptionRow(world);
    expect((await ofCustomer('subscriptions', customer.id)).body).toEqual({ subscriptions: [(await get(subscription.id)).body.subscription], total: 1 });
    expect((await ofCustomer('invoices', customer.id)).body).toEqual({ invoices: [], total: 0 });
    const quiet = await createCustomerRow(world);
    expect((await ofCustomer('subscriptions', quiet.id)).body).toEqual({ subscriptions: [], total: 0 });
  });
});

describe('another project\'s subscriptions and customers do not exist', () => {
  it.each([
    ['a sibling project', sibling],
    ['another team', otherTeam],
  ])('in %s', async (_, ref) => {
    const foreign = await createSubscriptionRow(ref());
    const notFound = { status: 404, body: { error: 'Subscription not found', code: 'subscription_not_found' } };
    expect(await get(foreign.subscription.id)).toMatchObject(notFound);
    expect(await post('cancel', foreign.subscription.id)).toMatchObject(notFound);
    expect(await post('resume', foreign.subscription.id)).toMatchObject(notFound);
    expect(ids(await list({ customerId: foreign.customer.id }))).toEqual([]);
    for (const what of ['subscriptions', 'invoices'] as const) {
      expect(await ofCustomer(what, foreign.customer.id)).toMatchObject({ status: 404, body: { error: 'Customer not found', code: 'customer_not_found' } });
    }
    const { stripe: owners } = await stripeForTeam(await getDb(), ref().team.id);
    expect(await owners.subscriptions.retrieve(foreign.subscription.stripeSubscriptionId)).toMatchObject({ status: 'active', cancel_at_period_end: false });
  });

  it('nor do malformed ids', async () => {
    expect(await get('sub_123')).toMatchObject({ status: 404, body: { error: 'Subscription not found', code: 'subscription_not_found' } });
    expect(await ofCustomer('invoices', 'cus_123')).toMatchObject({ status: 404, body: { error: 'Customer not found', code: 'customer_not_found' } });
  });
});

describe('cancelling and resuming', () => {
  it('cancels at the period end by default, and resumes, answering Stripe\'s new state at once', async () => {
    const { subscription } = await createSubscriptionRow(world);
    const scheduled = await post('cancel', subscription.id);
    expect(scheduled).toMatchObject({ status: 200, body: { subscription: { id: subscription.id, status: 'active', cancelAtPeriodEnd: true } } });
    expect(await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId)).toMatchObject({ status: 'active', cancel_at_period_end: true });
    expect((await get(subscription.id)).body).toEqual(scheduled.body);
    const resumed = await post('resume', subscription.id);
    expect(resumed).toMatchObject({ status: 200, body: { subscription: { status: 'active', cancelAtPeriodEnd: false, canceledAt: null } } });
    expect(await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId)).toMatchObject({ cancel_at_period_end: false });
    expect((await get(subscription.id)).body).toEqual(resumed.body);
  });

  it('cancels now with atPeriodEnd false; then both verbs are 409', async () => {
    const { subscription } = await createSubscriptionRow(world);
    const canceled = await post('cancel', subscription.id, { body: { atPeriodEnd: false } });
    const now = new Date((await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId)).canceled_at! * 1000).toISOString();
    expect(canceled).toMatchObject({ status: 200, body: { subscription: { status: 'canceled', canceledAt: now, endedAt: now, cancellationReason: 'cancellation_requested' } } });
    expect(await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId)).toMatchObject({ status: 'canceled' });
    for (const action of ['cancel', 'resume'] as const) {
      expect(await post(action, subscription.id)).toMatchObject({ status: 409, body: { error: 'Subscription is already canceled', code: 'conflict' } });
    }
  });

  it.each([
    [{ atPeriodEnd: 'yes' }, 'Invalid body field "atPeriodEnd": Invalid input: expected boolean, received string'],
    [{ atPeriodEnd: true, reason: 'too expensive' }, 'Unknown field "reason" in body'],
  ])('refuses the body %j with 400', async (body, error) => {
    const { subscription } = await createSubscriptionRow(world);
    expect(await post('cancel', subscription.id, { body })).toMatchObject({ status: 400, body: { error } });
  });

  it('answers 502 when Stripe fails, changing nothing', async () => {
    const { subscription } = await createSubscriptionRow(world);
    const before = (await get(subscription.id)).body;
    emulator().injectFaults(secretKey, { count: 1, status: 500 });
    const res = await post('cancel', subscription.id, { body: { atPeriodEnd: false } });
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ error: expect.any(String), code: 'stripe_error' });
    expect((await get(subscription.id)).body).toEqual(before);
    expect(await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId)).toMatchObject({ status: 'active' });
  });

  it('replays a cancellation sent again with the same Idempotency-Key', async () => {
    const { subscription } = await createSubscriptionRow(world);
    const key = { 'idempotency-key': `cancel-${subscription.id}` };
    const first = await post('cancel', subscription.id, { body: { atPeriodEnd: false }, headers: key });
    const again = await post('cancel', subscription.id, { body: { atPeriodEnd: false }, headers: key });
    expect(first.status).toBe(200);
    expect(again).toMatchObject({ status: 200, body: first.body });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});
