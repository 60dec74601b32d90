import { count, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { customers, idempotencyKeys } from '@/db/schema';
import * as customersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/route';
import * as customerRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/route';
import { call } from '../helpers/http';
import { createProject, createTeam, signUp, uniqueEmail } from '../helpers/fixtures';
import { createCustomerRow, projectParams, projectPath } from '../helpers/catalog';
import { expectOrder } from '../helpers/sorting';
import { givePayingCard, useStripeEmulator } from '../helpers/stripe';
import { buildWorld, type World } from '../helpers/world';
import { createSubscriptionRow } from '../subscriptions/fixtures';
import type Stripe from 'stripe';

const emulator = useStripeEmulator();
let world: World;
let stripe: Stripe;
let secretKey: string;

beforeAll(async () => {
  world = await buildWorld();
  ({ stripe, secretKey } = world.stripeAccount!);
});

const headers = () => world.owner.headers;
const create = (body: unknown, extra: Record<string, string> = {}) =>
  call(customersRoute.POST, projectPath(world, '/customers'), {
    method: 'POST',
    params: projectParams(world),
    body,
    headers: { ...headers(), ...extra },
  });
const get = (customerId: string, ref = world) =>
  call(customerRoute.GET, projectPath(ref, `/customers/${customerId}`), { params: projectParams(ref, { customerId }), headers: headers() });
const list = (query: Record<string, string | number> = {}) =>
  call(customersRoute.GET, projectPath(world, '/customers'), { params: projectParams(world), query, headers: headers() });
const rowCount = async (projectId = world.project.id) => {
  const db = await getDb();
  const [{ n }] = await db.select({ n: count() }).from(customers).where(eq(customers.projectId, projectId));
  return n;
};

describe('creating customers', () => {
  it('creates the Stripe customer and answers the contract shape', async () => {
    const email = uniqueEmail('Jane');
    const res = await create({ email, name: 'Jane Doe', metadata: { plan: 'pro' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      customer: {
        id: expect.stringMatching(/^pc_[0-9A-Za-z]+$/),
        email,
        name: 'Jane Doe',
        stripeCustomerId: expect.stringMatching(/^cus_/),
        metadata: { plan: 'pro' },
        createdAt: expect.stringMatching(/Z$/),
        updatedAt: expect.stringMatching(/Z$/),
      },
    });
    const inStripe = await stripe.customers.retrieve(res.body.customer.stripeCustomerId);
    expect(inStripe).toMatchObject({
      email,
      name: 'Jane Doe',
      metadata: { plan: 'pro', billstack_id: res.body.customer.id, billstack_project_id: world.project.id },
    });
    expect(await get(res.body.customer.id)).toMatchObject({ status: 200, body: { customer: res.body.customer } });
  });

  it('refuses an email already used in the project, whatever its case, with 409', async () => {
    const email = uniqueEmail('dup');
    await create({ email });
    const res = await create({ email: email.toUpperCase() });
    expect(res).toMatchObject({ status: 409, body: { error: `A customer with email ${email.toUpperCase()} already exists in this project`, code: 'email_taken' } });
  });

  it('allows the same email in another project', async () => {
    const email = uniqueEmail('shared');
    await create({ email });
    const other = await createCustomerRow({ ...world, project: world.siblingProject }, { email });
    expect(other.email).toBe(email);
  });

  it.each([
    [{}, 'Invalid body field "email": Invalid input: expected string, received undefined'],
    [{ email: 'not-an-email' }, 'Invalid body field "email": Invalid email address'],
    [{ email: 'a@b.co', phone: '1' }, 'Unknown field "phone" in body'],
    [{ email: 'a@b.co', name: 'x'.repeat(257) }, 'Invalid body field "name": Too big: expected string to have <=256 characters'],
    [{ email: 'a@b.co', metadata: { k: 5 } }, 'Invalid body field "metadata.k": Invalid input: expected string, received number'],
  ])('refuses %j with 400 and stores nothing', async (body, error) => {
    const before = await rowCount();
    expect(await create(body)).toMatchObject({ status: 400, body: { error } });
    expect(await rowCount()).toBe(before);
  });

  it.each([500, 429] as const)('answers 502 when Stripe fails with %i, leaving no row', async (status) => {
    const before = await rowCount();
    emulator().injectFaults(secretKey, { count: 1, status });
    const res = await create({ email: uniqueEmail('fault') });
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ error: expect.any(String), code: 'stripe_error' });
    expect(await rowCount()).toBe(before);
  });

  it('answers 409 when the team has no Stripe connection', async () => {
    const team = await createTeam(world.owner);
    const project = await createProject(world.owner, team.id);
    const res = await call(customersRoute.POST, `/api/billstack/teams/${team.id}/projects/${project.id}/customers`, {
      method: 'POST',
      params: { teamId: team.id, projectId: project.id },
      body: { email: uniqueEmail() },
      headers: headers(),
    });
    expect(res).toMatchObject({ status: 409, body: { error: 'Stripe is not connected for this team', code: 'stripe_not_connected' } });
  });
});

describe('idempotent retries', () => {
  it('the same Idempotency-Key and body create exactly one customer, here and in Stripe', async () => {
    const email = uniqueEmail('idem');
    const key = { 'idempotency-key': `retry-${email}` };
    const first = await create({ email }, key);
    const second = await create({ email }, key);
    expect(first.status).toBe(201);
    expect(second).toMatchObject({ status: 201, body: first.body });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await list({ email })).body.total).toBe(1);
    expect((await stripe.customers.list({ email })).data).toHaveLength(1);
  });

  it('the same key with another body is a 409', async () => {
    const key = { 'idempotency-key': `reuse-${uniqueEmail()}` };
    await create({ email: uniqueEmail() }, key);
    expect(await create({ email: uniqueEmail() }, key)).toMatchObject({
      status: 409,
      body: { error: 'This Idempotency-Key was already used with a different request', code: 'idempotency_key_reused' },
    });
  });

  it('a retry after a Stripe failure goes through once', async () => {
    const email = uniqueEmail('after-fault');
    const key = { 'idempotency-key': `fault-${email}` };
    emulator().injectFaults(secretKey, { count: 1, status: 500 });
    expect((await create({ email }, key)).status).toBe(502);
    expect((await create({ email }, key)).status).toBe(201);
    expect((await stripe.customers.list({ email })).data).toHaveLength(1);
  });

  it('a retry after the process died mid-request takes the key over once its lease is out, and gets the one customer', async () => {
    const email = uniqueEmail('abandoned');
    const key = { 'idempotency-key': `abandoned-${email}` };
    // What a process killed after Stripe's and our writes leaves: the customer, its row, and the key still held.
    const first = await create({ email }, key);
    const db = await getDb();
    await db.update(idempotencyKeys).set({ responseStatus: null, responseBody: null }).where(eq(idempotencyKeys.key, key['idempotency-key']));
    expect(await create({ email }, key)).toMatchObject({ status: 409, body: { error: 'A request with this Idempotency-Key is in progress; retry shortly' } });

    process.env.BILLSTACK_IDEMPOTENCY_LEASE_MS = '1';
    try {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const retried = await create({ email }, key);
      expect(retried).toMatchObject({ status: 201, body: first.body });
      expect(await create({ email }, key)).toMatchObject({ status: 201, body: first.body });
    } finally {
      delete process.env.BILLSTACK_IDEMPOTENCY_LEASE_MS;
    }
    expect((await list({ email })).body.total).toBe(1);
    expect((await stripe.customers.list({ email })).data).toHaveLength(1);
  });
});

describe('reading, updating and deleting', () => {
  it('lists newest first with total, filters by email case-insensitively and searches name and email', async () => {
    const tag = uniqueEmail('needle').split('@')[0];
    const a = await createCustomerRow(world, { email: `${tag}-a@example.com`, name: 'Ada Lovelace' });
    const b = await createCustomerRow(world, { email: `${tag}-b@example.com`, name: 'Grace Hopper' });
    const search = await list({ q: tag });
    expect(search.body).toMatchObject({ total: 2, customers: [{ id: b.id }, { id: a.id }] });
    expect((await list({ q: 'lovelace' })).body.customers.map((c: { id: string }) => c.id)).toContain(a.id);
    expect((await list({ email: `${tag}-A@EXAMPLE.com` })).body).toMatchObject({ total: 1, customers: [{ id: a.id }] });
    expect((await list({ q: '%' })).body.total).toBe(0);
  });

  it('filters by a live subscription and by a created range of UTC days, both days included', async () => {
    const { customer: subscriber } = await createSubscriptionRow(world);
    const idle = await createCustomerRow(world);
    const ids = async (query: Record<string, string>) => (await list({ limit: 100, ...query })).body.customers.map((c: { id: string }) => c.id);
    expect(await ids({ hasActiveSubscription: 'true' })).toContain(subscriber.id);
    expect(await ids({ hasActiveSubscription: 'true' })).not.toContain(idle.id);
    expect(await ids({ hasActiveSubscription: 'false' })).toContain(idle.id);
    expect(await ids({ hasActiveSubscription: 'false' })).not.toContain(subscriber.id);
    const today = new Date().toISOString().slice(0, 10);
    expect(await ids({ createdFrom: today, createdTo: today })).toContain(idle.id);
    expect(await ids({ createdTo: '2000-01-01' })).toEqual([]);
    expect(await list({ createdFrom: '2026-02-02', createdTo: '2026-02-01' })).toMatchObject({
      status: 400,
      body: { error: 'Invalid query field "createdTo": must not be before createdFrom', code: 'validation_error', field: 'createdTo' },
    });
    expect(await list({ hasActiveSubscription: 'yes' })).toMatchObject({ status: 400 });
  });

  it('sorts by creation or email, either way, the id breaking ties in the same direction; refuses another sort', async () => {
    const tag = uniqueEmail('sort').split('@')[0];
    const b = await createCustomerRow(world, { email: `${tag}-B@example.com` });
    const a = await createCustomerRow(world, { email: `${tag}-a@example.com` });
    const c = await createCustomerRow(world, { email: `${tag}-c@example.com` });
    const db = await getDb();
    await db.update(customers).set({ createdAt: new Date('2026-01-01T00:00:00Z') }).where(eq(customers.id, b.id));
    await db.update(customers).set({ createdAt: new Date('2026-01-02T00:00:00Z') }).where(inArray(customers.id, [a.id, c.id]));
    const ids = async (query: Record<string, string | number>) => (await list({ q: tag, ...query })).body.customers.map((c: { id: string }) => c.id);

    const oldest = await expectOrder(ids, 'created', [[b.id], [a.id, c.id]]);
    const newest = await expectOrder(ids, '-created', [[a.id, c.id], [b.id]]);
    expect(newest.slice(0, 2)).toEqual(oldest.slice(1).reverse());
    expect(await ids({})).toEqual(newest);
    // Case does not count, as in the email filter: a, B, c.
    await expectOrder(ids, 'email', [[a.id], [b.id], [c.id]]);
    await expectOrder(ids, '-email', [[c.id], [b.id], [a.id]]);

    for (const sort of ['name', 'email ', '+email', '']) {
      expect(await list({ sort })).toMatchObject({ status: 400, body: { code: 'validation_error', field: 'sort' } });
    }
  });

  it('updates name, email and metadata in Stripe and here', async () => {
    const customer = await createCustomerRow(world, { name: 'Old', metadata: { keep: '1', drop: '2' } });
    const email = uniqueEmail('new');
    const res = await call(customerRoute.PATCH, projectPath(world, `/customers/${customer.id}`), {
      method: 'PATCH',
      params: projectParams(world, { customerId: customer.id }),
      body: { name: 'New', email, metadata: { drop: '', add: '3' } },
      headers: headers(),
    });
    expect(res.status).toBe(200);
    expect(res.body.customer).toMatchObject({ id: customer.id, name: 'New', email, metadata: { keep: '1', add: '3' } });
    const inStripe = (await stripe.customers.retrieve(customer.stripeCustomerId)) as Stripe.Customer;
    expect(inStripe).toMatchObject({ name: 'New', email, metadata: { keep: '1', add: '3', billstack_id: customer.id } });
    expect(inStripe.metadata).not.toHaveProperty('drop');
  });

  it('deletes in Stripe and here; a later GET is 404', async () => {
    const customer = await createCustomerRow(world);
    const res = await call(customerRoute.DELETE, projectPath(world, `/customers/${customer.id}`), {
      method: 'DELETE',
      params: projectParams(world, { customerId: customer.id }),
      headers: headers(),
    });
    expect(res).toMatchObject({ status: 200, body: { id: customer.id, deleted: true } });
    expect(await get(customer.id)).toMatchObject({ status: 404, body: { error: 'Customer not found', code: 'customer_not_found' } });
    expect(await stripe.customers.retrieve(customer.stripeCustomerId)).toMatchObject({ deleted: true });
    // The email is free again.
    expect((await create({ email: customer.email })).status).toBe(201);
  });

  it('refuses to delete a customer with an active subscription unless forced, which cancels it', async () => {
    const customer = await createCustomerRow(world);
    const product = await stripe.products.create({ name: 'Plan' });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 1000, currency: 'usd', recurring: { interval: 'month' } });
    await givePayingCard(stripe, customer.stripeCustomerId);
    const subscription = await stripe.subscriptions.create({ customer: customer.stripeCustomerId, items: [{ price: price.id }] });
    const del = (query: Record<string, string> = {}) =>
      call(customerRoute.DELETE, projectPath(world, `/customers/${customer.id}`), {
        method: 'DELETE',
        params: projectParams(world, { customerId: customer.id }),
        query,
        headers: headers(),
      });
    expect(await del()).toMatchObject({
      status: 409,
      body: { error: 'Customer has an active subscription; cancel it first or pass ?force=true', code: 'conflict' },
    });
    expect(await del({ force: 'maybe' })).toMatchObject({ status: 400 });
    expect(await del({ force: 'true' })).toMatchObject({ status: 200, body: { id: customer.id, deleted: true } });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('canceled');
  });
});

describe('isolation', () => {
  it('a customer of another project or team is 404 everywhere', async () => {
    const sibling = await createCustomerRow({ ...world, project: world.siblingProject });
    const foreign = await createCustomerRow({ owner: world.otherOwner, team: world.otherTeam, project: world.otherProject });
    for (const id of [sibling.id, foreign.id, 'pc_doesnotexist', 'cus_123']) {
      expect(await get(id)).toMatchObject({ status: 404, body: { error: 'Customer not found', code: 'customer_not_found' } });
      const patch = await call(customerRoute.PATCH, projectPath(world, `/customers/${id}`), {
        method: 'PATCH',
        params: projectParams(world, { customerId: id }),
        body: { name: 'x' },
        headers: headers(),
      });
      expect(patch).toMatchObject({ status: 404, body: { error: 'Customer not found', code: 'customer_not_found' } });
    }
    const listed = (await list({ limit: 100 })).body.customers.map((c: { id: string }) => c.id);
    expect(listed).not.toContain(sibling.id);
    expect(listed).not.toContain(foreign.id);
  });
});

describe('pagination', () => {
  it('returns each of 1,000 customers exactly once', async () => {
    const owner = await signUp();
    const team = await createTeam(owner);
    const project = await createProject(owner, team.id);
    const db = await getDb();
    // Inserted directly: the subject here is paging, not 1,000 Stripe round trips.
    await db.insert(customers).values(
      Array.from({ length: 1000 }, (_, i) => ({
        id: `pc_page${String(i).padStart(4, '0')}`,
        teamId: team.id,
        projectId: project.id,
        stripeCustomerId: `cus_page${i}`,
        email: `page-${i}@example.com`,
        // Ten share each timestamp, so the id tie-break decides the order.
        createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 10) * 1000),
      })),
    );
    const ref = { owner, team, project };
    const seen: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await call(customersRoute.GET, projectPath(ref, '/customers'), {
        params: projectParams(ref),
        query: { limit: 100, offset },
        headers: owner.headers,
      });
      expect(page.body.total).toBe(1000);
      if (page.body.customers.length === 0) break;
      seen.push(...page.body.customers.map((c: { id: string }) => c.id));
    }
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    const [{ n }] = await db.select({ n: count() }).from(customers).where(eq(customers.projectId, project.id));
    expect(n).toBe(1000);
  });
});
