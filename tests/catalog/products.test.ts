import { and, count, eq, inArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { idempotencyKeys, products } from '@/db/schema';
import * as productsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/products/route';
import * as productRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/products/[productId]/route';
import * as stripeRoute from '@/app/api/billstack/teams/[teamId]/stripe/route';
import { call } from '../helpers/http';
import { createProject, createTeam } from '../helpers/fixtures';
import { createProductRow, projectParams, projectPath } from '../helpers/catalog';
import { expectOrder } from '../helpers/sorting';
import { connectTeam, useStripeEmulator } from '../helpers/stripe';
import { buildWorld, type World } from '../helpers/world';

const emulator = useStripeEmulator();
let world: World;
let stripe: Stripe;
let secretKey: string;

beforeAll(async () => {
  world = await buildWorld();
  ({ stripe, secretKey } = world.stripeAccount!);
});

type Ref = Pick<World, 'owner' | 'team' | 'project'>;
const create = (body: unknown, headers: Record<string, string> = {}, ref: Ref = world) =>
  call(productsRoute.POST, projectPath(ref, '/products'), {
    method: 'POST',
    params: projectParams(ref),
    body,
    headers: { ...ref.owner.headers, ...headers },
  });
const list = (query: Record<string, string | number> = {}, ref: Ref = world) =>
  call(productsRoute.GET, projectPath(ref, '/products'), { params: projectParams(ref), query, headers: ref.owner.headers });
const onProduct = (method: 'GET' | 'PATCH' | 'DELETE', productId: string, body?: unknown, ref: Ref = world) =>
  call(productRoute[method], projectPath(ref, `/products/${productId}`), {
    method,
    params: projectParams(ref, { productId }),
    body,
    headers: ref.owner.headers,
  });
const rowCount = async (projectId = world.project.id) => {
  const db = await getDb();
  const [{ n }] = await db.select({ n: count() }).from(products).where(eq(products.projectId, projectId));
  return n;
};
const stripeProductsNamed = async (name: string) =>
  (await stripe.products.list({ limit: 100 })).data.filter((product) => product.name === name);

describe('creating products', () => {
  it('creates the Stripe product, tagged with our ids, and answers the contract shape', async () => {
    const res = await create({ name: 'Pro', description: 'Everything', metadata: { tier: 'pro' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      product: {
        id: expect.stringMatching(/^pp_[0-9A-Za-z]+$/),
        name: 'Pro',
        description: 'Everything',
        active: true,
        stripeProductId: expect.stringMatching(/^prod_/),
        metadata: { tier: 'pro' },
        createdAt: expect.stringMatching(/Z$/),
        updatedAt: expect.stringMatching(/Z$/),
      },
    });
    const inStripe = await stripe.products.retrieve(res.body.product.stripeProductId);
    expect(inStripe).toMatchObject({
      name: 'Pro',
      description: 'Everything',
      active: true,
      metadata: { tier: 'pro', billstack_id: res.body.product.id, billstack_project_id: world.project.id },
    });
    expect(await onProduct('GET', res.body.product.id)).toEqual({ status: 200, body: res.body, headers: expect.anything() });
  });

  it('creates an inactive product when asked, in Stripe too', async () => {
    const res = await create({ name: 'Legacy', active: false });
    expect(res.body.product).toMatchObject({ active: false, description: null, metadata: {} });
    expect((await stripe.products.retrieve(res.body.product.stripeProductId)).active).toBe(false);
  });

  it.each([
    [{}, 'Invalid body field "name": Invalid input: expected string, received undefined'],
    [{ name: '  ' }, 'Invalid body field "name": Too small: expected string to have >=1 characters'],
    [{ name: 'x'.repeat(257) }, 'Invalid body field "name": Too big: expected string to have <=256 characters'],
    [{ name: 'P', price: 5 }, 'Unknown field "price" in body'],
    [{ name: 'P', active: 'yes' }, 'Invalid body field "active": Invalid input: expected boolean, received string'],
    [{ name: 'P', description: 7 }, 'Invalid body field "description": Invalid input: expected string, received number'],
    [{ name: 'P', metadata: { k: 5 } }, 'Invalid body field "metadata.k": Invalid input: expected string, received number'],
    [{ name: 'P', metadata: { billstack_id: 'pp_x' } }, 'Invalid body field "metadata": Keys starting with billstack_ are reserved'],
  ])('refuses %j with 400 and stores nothing', async (body, error) => {
    const before = await rowCount();
    expect(await create(body)).toMatchObject({ status: 400, body: { error } });
    expect(await rowCount()).toBe(before);
  });

  it.each([500, 429] as const)('answers 502 with Stripe\'s message when Stripe fails with %i, leaving no row', async (status) => {
    const before = await rowCount();
    emulator().injectFaults(secretKey, { count: 1, status });
    const res = await create({ name: `Fault ${status}` });
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ error: expect.stringMatching(status === 500 ? /An unknown error occurred/ : /Too many requests/), code: 'stripe_error' });
    expect(await rowCount()).toBe(before);
    expect(await stripeProductsNamed(`Fault ${status}`)).toHaveLength(0);
  });

  it('answers 409 when the team has no Stripe connection', async () => {
    const team = await createTeam(world.owner);
    const project = await createProject(world.owner, team.id);
    const res = await create({ name: 'Nowhere' }, {}, { owner: world.owner, team, project });
    expect(res).toMatchObject({ status: 409, body: { error: 'Stripe is not connected for this team', code: 'stripe_not_connected' } });
  });
});

describe('idempotent retries', () => {
  it('the same Idempotency-Key and body create exactly one product, here and in Stripe', async () => {
    const name = `Idem ${Date.now()}`;
    const key = { 'idempotency-key': `product-${Date.now()}` };
    const first = await create({ name }, key);
    const second = await create({ name }, key);
    expect(first.status).toBe(201);
    expect(second).toMatchObject({ status: 201, body: first.body });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const ours = (await list({ limit: 100 })).body.products.filter((product: { name: string }) => product.name === name);
    expect(ours).toHaveLength(1);
    expect(await stripeProductsNamed(name)).toHaveLength(1);
  });

  it('the same key with another body is a 409', async () => {
    const key = { 'idempotency-key': `product-reuse-${Date.now()}` };
    expect((await create({ name: 'First' }, key)).status).toBe(201);
    expect(await create({ name: 'Second' }, key)).toMatchObject({
      status: 409,
      body: { error: 'This Idempotency-Key was already used with a different request', code: 'idempotency_key_reused' },
    });
  });

  it('a retry after our write failed gets the Stripe product back under its id, without a second one', async () => {
    const name = `Recovered ${Date.now()}`;
    const key = `product-recover-${Date.now()}`;
    const first = await create({ name }, { 'idempotency-key': key });
    // What a failed database write leaves: the Stripe product, no row, and the key forgotten (a 5xx is not kept).
    const db = await getDb();
    await db.delete(products).where(eq(products.id, first.body.product.id));
    await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.projectId, world.project.id), eq(idempotencyKeys.key, key)));
    const retry = await create({ name }, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.body.product).toMatchObject({ id: first.body.product.id, stripeProductId: first.body.product.stripeProductId });
    expect(await stripeProductsNamed(name)).toHaveLength(1);
  });
});

describe('listing', () => {
  it('lists newest first with total, pages with limit and offset, and filters on active', async () => {
    const project = await createProject(world.owner, world.team.id, 'Listing');
    const ref = { ...world, project };
    const a = await createProductRow(ref, { name: 'A' });
    const b = await createProductRow(ref, { name: 'B', active: false });
    const c = await createProductRow(ref, { name: 'C' });
    const all = await list({}, ref);
    expect(all).toMatchObject({ status: 200, body: { total: 3, products: [{ id: c.id }, { id: b.id }, { id: a.id }] } });
    expect(all.body.products[0]).toEqual((await onProduct('GET', c.id, undefined, ref)).body.product);
    expect((await list({ limit: 1, offset: 1 }, ref)).body).toEqual({ total: 3, products: [all.body.products[1]] });
    expect((await list({ active: 'true' }, ref)).body).toMatchObject({ total: 2, products: [{ id: c.id }, { id: a.id }] });
    expect((await list({ active: 'false' }, ref)).body).toMatchObject({ total: 1, products: [{ id: b.id }] });
  });

  it('sorts by creation or name, either way, the id breaking ties in the same direction', async () => {
    const project = await createProject(world.owner, world.team.id, 'Sorting');
    const ref = { ...world, project };
    const banana = await createProductRow(ref, { name: 'banana' });
    const apple = await createProductRow(ref, { name: 'Apple' });
    const cherry = await createProductRow(ref, { name: 'cherry', active: false });
    const db = await getDb();
    await db.update(products).set({ createdAt: new Date('2026-01-01T00:00:00Z') }).where(eq(products.id, banana.id));
    await db.update(products).set({ createdAt: new Date('2026-01-02T00:00:00Z') }).where(inArray(products.id, [apple.id, cherry.id]));
    const ids = async (query: Record<string, string | number>) => (await list(query, ref)).body.products.map((product: { id: string }) => product.id);

    const oldest = await expectOrder(ids, 'created', [[banana.id], [apple.id, cherry.id]]);
    const newest = await expectOrder(ids, '-created', [[apple.id, cherry.id], [banana.id]]);
    expect(newest.slice(0, 2)).toEqual(oldest.slice(1).reverse());
    expect(await ids({})).toEqual(newest);
    // Case does not count: Apple, banana, cherry.
    await expectOrder(ids, 'name', [[apple.id], [banana.id], [cherry.id]]);
    await expectOrder(ids, '-name', [[cherry.id], [banana.id], [apple.id]]);
    expect(await ids({ sort: '-name', active: 'true' })).toEqual([banana.id, apple.id]);
  });

  it.each([
    [{ sort: 'title' }, 'Invalid query field "sort": Invalid option: expected one of "created"|"-created"|"name"|"-name"'],
    [{ active: 'yes' }, 'Invalid query field "active": Invalid option: expected one of "true"|"false"'],
    [{ limit: 0 }, 'Invalid query field "limit": Too small: expected number to be >=1'],
    [{ offset: -1 }, 'Invalid query field "offset": Too small: expected number to be >=0'],
  ])('refuses the query %j with 400', async (query, error) => {
    expect(await list(query)).toMatchObject({ status: 400, body: { error, code: 'validation_error', field: Object.keys(query)[0] } });
  });
});

describe('updating and archiving', () => {
  it('updates name, description and metadata (merged as Stripe does), in Stripe and here', async () => {
    const product = await createProductRow(world, { name: 'Old', description: 'Old text', metadata: { keep: '1', drop: '2' } });
    const res = await onProduct('PATCH', product.id, { name: 'New', description: null, metadata: { drop: '', add: '3' } });
    expect(res.status).toBe(200);
    expect(res.body.product).toMatchObject({ id: product.id, name: 'New', description: null, active: true, metadata: { keep: '1', add: '3' } });
    expect(res.body.product.updatedAt > res.body.product.createdAt).toBe(true);
    const inStripe = await stripe.products.retrieve(product.stripeProductId);
    expect(inStripe).toMatchObject({ name: 'New', description: null, metadata: { keep: '1', add: '3', billstack_id: product.id } });
    expect(inStripe.metadata).not.toHaveProperty('drop');
    expect((await onProduct('GET', product.id)).body).toEqual(res.body);
  });

  it('deactivates and reactivates', async () => {
    const product = await createProductRow(world);
    expect((await onProduct('PATCH', product.id, { active: false })).body.product.active).toBe(false);
    expect((await stripe.products.retrieve(product.stripeProductId)).active).toBe(false);
    expect((await onProduct('PATCH', product.id, { active: true })).body.product.active).toBe(true);
    expect((await stripe.products.retrieve(product.stripeProductId)).active).toBe(true);
  });

  it.each([
    [{ stripeProductId: 'prod_x' }, 'Unknown field "stripeProductId" in body'],
    [{ name: null }, 'Invalid body field "name": Invalid input: expected string, received null'],
    [{ metadata: { billstack_project_id: '' } }, 'Invalid body field "metadata": Keys starting with billstack_ are reserved'],
  ])('refuses the update %j with 400', async (body, error) => {
    const product = await createProductRow(world);
    expect(await onProduct('PATCH', product.id, body)).toMatchObject({ status: 400, body: { error } });
  });

  it('DELETE archives: inactive in Stripe and here, and still readable', async () => {
    const product = await createProductRow(world);
    const res = await onProduct('DELETE', product.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ product: { ...(await onProduct('GET', product.id)).body.product, active: false } });
    expect((await stripe.products.retrieve(product.stripeProductId)).active).toBe(false);
    // Archiving twice is harmless.
    expect(await onProduct('DELETE', product.id)).toMatchObject({ status: 200, body: { product: { id: product.id, active: false } } });
  });

  it('answers 502 when Stripe fails, leaving the row as it was', async () => {
    const product = await createProductRow(world, { name: 'Stable' });
    emulator().injectFaults(secretKey, { count: 1, status: 500 });
    expect((await onProduct('PATCH', product.id, { name: 'Changed' })).status).toBe(502);
    emulator().injectFaults(secretKey, { count: 1, status: 429 });
    expect((await onProduct('DELETE', product.id)).status).toBe(502);
    expect((await onProduct('GET', product.id)).body.product).toMatchObject({ name: 'Stable', active: true });
  });

  it('answers 409 for writes once the team disconnected Stripe; reads still work', async () => {
    const team = await createTeam(world.owner);
    await connectTeam(world.owner, team.id);
    const ref = { owner: world.owner, team, project: await createProject(world.owner, team.id) };
    const product = await createProductRow(ref);
    await call(stripeRoute.DELETE, `/api/billstack/teams/${team.id}/stripe`, { method: 'DELETE', params: { teamId: team.id }, headers: world.owner.headers });
    const notConnected = { status: 409, body: { error: 'Stripe is not connected for this team', code: 'stripe_not_connected' } };
    expect(await onProduct('PATCH', product.id, { name: 'x' }, ref)).toMatchObject(notConnected);
    expect(await onProduct('DELETE', product.id, undefined, ref)).toMatchObject(notConnected);
    expect(await onProduct('GET', product.id, undefined, ref)).toMatchObject({ status: 200, body: { product: { id: product.id } } });
  });
});

describe('isolation', () => {
  it('a product of another project or team, or a malformed id, is 404 everywhere', async () => {
    const sibling = await createProductRow({ ...world, project: world.siblingProject });
    const foreign = await createProductRow({ owner: world.otherOwner, team: world.otherTeam, project: world.otherProject });
    for (const id of [sibling.id, foreign.id, 'pp_doesnotexist', foreign.stripeProductId, 'pp_bad-id']) {
      for (const [method, body] of [['GET'], ['PATCH', { name: 'x' }], ['DELETE']] as const) {
        expect(await onProduct(method, id, body)).toMatchObject({ status: 404, body: { error: 'Product not found', code: 'product_not_found' } });
      }
    }
    const listed = (await list({ limit: 100 })).body.products.map((product: { id: string }) => product.id);
    expect(listed).not.toContain(sibling.id);
    expect(listed).not.toContain(foreign.id);
    expect((await stripe.products.retrieve(sibling.stripeProductId)).name).toBe('Pro plan');
  });
});
