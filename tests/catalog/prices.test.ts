import { count, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { prices } from '@/db/schema';
import * as productPricesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/products/[productId]/prices/route';
import * as productRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/products/[productId]/route';
import * as pricesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/prices/route';
import * as priceRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/prices/[priceId]/route';
import * as stripeRoute from '@/app/api/billstack/teams/[teamId]/stripe/route';
import { call } from '../helpers/http';
import { createProject, createTeam } from '../helpers/fixtures';
import { createPriceRow, createProductRow, projectParams, projectPath } from '../helpers/catalog';
import { connectTeam, useStripeEmulator } from '../helpers/stripe';
import { buildWorld, type World } from '../helpers/world';

const emulator = useStripeEmulator();
let world: World;
let stripe: Stripe;
let secretKey: string;
let product: Awaited<ReturnType<typeof createProductRow>>;

beforeAll(async () => {
  world = await buildWorld();
  ({ stripe, secretKey } = world.stripeAccount!);
  product = await createProductRow(world);
});

type Ref = Pick<World, 'owner' | 'team' | 'project'>;
const create = (body: unknown, { productId = product.id, headers = {}, ref = world as Ref } = {}) =>
  call(productPricesRoute.POST, projectPath(ref, `/products/${productId}/prices`), {
    method: 'POST',
    params: projectParams(ref, { productId }),
    body,
    headers: { ...ref.owner.headers, ...headers },
  });
const listOfProduct = (productId: string, query: Record<string, string | number> = {}, ref: Ref = world) =>
  call(productPricesRoute.GET, projectPath(ref, `/products/${productId}/prices`), {
    params: projectParams(ref, { productId }),
    query,
    headers: ref.owner.headers,
  });
const list = (query: Record<string, string | number> = {}, ref: Ref = world) =>
  call(pricesRoute.GET, projectPath(ref, '/prices'), { params: projectParams(ref), query, headers: ref.owner.headers });
const get = (priceId: string, ref: Ref = world) =>
  call(priceRoute.GET, projectPath(ref, `/prices/${priceId}`), { params: projectParams(ref, { priceId }), headers: ref.owner.headers });
const patch = (priceId: string, body: unknown, ref: Ref = world) =>
  call(priceRoute.PATCH, projectPath(ref, `/prices/${priceId}`), {
    method: 'PATCH',
    params: projectParams(ref, { priceId }),
    body,
    headers: ref.owner.headers,
  });
const rowCount = async (projectId = world.project.id) => {
  const db = await getDb();
  const [{ n }] = await db.select({ n: count() }).from(prices).where(eq(prices.projectId, projectId));
  return n;
};
const stripePricesOf = async (stripeProductId: string) => (await stripe.prices.list({ product: stripeProductId, limit: 100 })).data;

describe('creating prices', () => {
  it('creates a recurring price in Stripe, tagged with our ids, and answers the contract shape', async () => {
    const res = await create({
      unitAmount: 2900,
      currency: 'usd',
      interval: 'month',
      intervalCount: 3,
      trialDays: 14,
      nickname: 'Quarterly',
      metadata: { plan: 'pro' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      price: {
        id: expect.stringMatching(/^pri_[0-9A-Za-z]+$/),
        productId: product.id,
        unitAmount: 2900,
        currency: 'usd',
        interval: 'month',
        intervalCount: 3,
        trialDays: 14,
        nickname: 'Quarterly',
        active: true,
        stripePriceId: expect.stringMatching(/^price_/),
        metadata: { plan: 'pro' },
        createdAt: expect.stringMatching(/Z$/),
      },
    });
    const inStripe = await stripe.prices.retrieve(res.body.price.stripePriceId);
    expect(inStripe).toMatchObject({
      product: product.stripeProductId,
      unit_amount: 2900,
      currency: 'usd',
      type: 'recurring',
      recurring: { interval: 'month', interval_count: 3, trial_period_days: 14 },
      nickname: 'Quarterly',
      active: true,
      metadata: { plan: 'pro', billstack_id: res.body.price.id, billstack_project_id: world.project.id },
    });
    expect(await get(res.body.price.id)).toMatchObject({ status: 200, body: res.body });
  });

  it('creates a one-time price: no interval, count or trial', async () => {
    const res = await create({ unitAmount: 0, currency: 'jpy' });
    expect(res.status).toBe(201);
    expect(res.body.price).toMatchObject({ unitAmount: 0, currency: 'jpy', interval: null, intervalCount: null, trialDays: null, nickname: null });
    const inStripe = await stripe.prices.retrieve(res.body.price.stripePriceId);
    expect(inStripe).toMatchObject({ type: 'one_time', recurring: null, unit_amount: 0, currency: 'jpy' });
  });

  it('stores the currency in lower case and the interval count as 1 by default, as Stripe does', async () => {
    const res = await create({ unitAmount: 99_999_999, currency: 'EuR', interval: 'year' });
    expect(res.body.price).toMatchObject({ unitAmount: 99_999_999, currency: 'eur', interval: 'year', intervalCount: 1, trialDays: null });
    expect(await stripe.prices.retrieve(res.body.price.stripePriceId)).toMatchObject({
      currency: 'eur',
      recurring: { interval: 'year', interval_count: 1, trial_period_days: null },
    });
  });

  it.each([
    [{ currency: 'usd' }, 'Invalid body field "unitAmount": Invalid input: expected number, received undefined'],
    [{ unitAmount: -1, currency: 'usd' }, 'Invalid body field "unitAmount": Too small: expected number to be >=0'],
    [{ unitAmount: 9.99, currency: 'usd' }, 'Invalid body field "unitAmount": Invalid input: expected int, received number'],
    [{ unitAmount: 100_000_000, currency: 'usd' }, 'Invalid body field "unitAmount": Too big: expected number to be <=99999999'],
    [{ unitAmount: '100', currency: 'usd' }, 'Invalid body field "unitAmount": Invalid input: expected number, received string'],
    [{ unitAmount: 100 }, 'Invalid body field "currency": Invalid input: expected string, received undefined'],
    [{ unitAmount: 100, currency: 'xyz' }, 'Invalid body field "currency": Expected a three-letter ISO 4217 currency code'],
    [{ unitAmount: 100, currency: 'dollars' }, 'Invalid body field "currency": Expected a three-letter ISO 4217 currency code'],
    [{ unitAmount: 100, currency: 'usd', interval: 'quarter' }, 'Invalid body field "interval": Invalid option: expected one of "day"|"week"|"month"|"year"'],
    [{ unitAmount: 100, currency: 'usd', intervalCount: 2 }, 'Invalid body field "intervalCount": Only a recurring price (with interval) has one'],
    [{ unitAmount: 100, currency: 'usd', trialDays: 7 }, 'Invalid body field "trialDays": Only a recurring price (with interval) has one'],
    [{ unitAmount: 100, currency: 'usd', interval: 'month', intervalCount: 0 }, 'Invalid body field "intervalCount": Too small: expected number to be >=1'],
    [{ unitAmount: 100, currency: 'usd', interval: 'month', intervalCount: 37 }, 'Invalid body field "intervalCount": At most 36 for interval month (three years)'],
    [{ unitAmount: 100, currency: 'usd', interval: 'month', trialDays: 731 }, 'Invalid body field "trialDays": Too big: expected number to be <=730'],
    [{ unitAmount: 100, currency: 'usd', amount: 100 }, 'Unknown field "amount" in body'],
    [{ unitAmount: 100, currency: 'usd', metadata: { billstack_id: 'x' } }, 'Invalid body field "metadata": Keys starting with billstack_ are reserved'],
  ])('refuses %j with 400 and stores nothing', async (body, error) => {
    const before = await rowCount();
    expect(await create(body)).toMatchObject({ status: 400, body: { error } });
    expect(await rowCount()).toBe(before);
  });

  it('refuses a price on an archived product with 400, creating nothing in Stripe', async () => {
    const archived = await createProductRow(world, { name: 'Archived' });
    await call(productRoute.DELETE, projectPath(world, `/products/${archived.id}`), {
      method: 'DELETE',
      params: projectParams(world, { productId: archived.id }),
      headers: world.owner.headers,
    });
    expect(await create({ unitAmount: 100, currency: 'usd' }, { productId: archived.id })).toMatchObject({
      status: 400,
      body: { error: 'Product is archived: reactivate it before adding prices', code: 'bad_request' },
    });
    expect(await stripePricesOf(archived.stripeProductId)).toHaveLength(0);
  });

  it.each([500, 429] as const)('answers 502 when Stripe fails with %i, leaving no row', async (status) => {
    const before = await rowCount();
    const stripeBefore = (await stripePricesOf(product.stripeProductId)).length;
    emulator().injectFaults(secretKey, { count: 1, status });
    const res = await create({ unitAmount: 100, currency: 'usd' });
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ error: expect.stringMatching(status === 500 ? /An unknown error occurred/ : /Too many requests/), code: 'stripe_error' });
    expect(await rowCount()).toBe(before);
    expect(await stripePricesOf(product.stripeProductId)).toHaveLength(stripeBefore);
  });

  it('answers 409 once the team disconnected Stripe', async () => {
    const team = await createTeam(world.owner);
    await connectTeam(world.owner, team.id);
    const ref = { owner: world.owner, team, project: await createProject(world.owner, team.id) };
    const price = await createPriceRow(ref);
    await call(stripeRoute.DELETE, `/api/billstack/teams/${team.id}/stripe`, { method: 'DELETE', params: { teamId: team.id }, headers: world.owner.headers });
    const notConnected = { status: 409, body: { error: 'Stripe is not connected for this team', code: 'stripe_not_connected' } };
    expect(await create({ unitAmount: 100, currency: 'usd' }, { productId: price.productId, ref })).toMatchObject(notConnected);
    expect(await patch(price.id, { active: false }, ref)).toMatchObject(notConnected);
    expect(await get(price.id, ref)).toMatchObject({ status: 200, body: { price: { id: price.id, active: true } } });
  });
});

describe('idempotent retries', () => {
  it('the same Idempotency-Key and body create exactly one price, here and in Stripe', async () => {
    const fresh = await createProductRow(world);
    const key = { 'idempotency-key': `price-${fresh.id}` };
    const body = { unitAmount: 700, currency: 'usd', interval: 'week' };
    const first = await create(body, { productId: fresh.id, headers: key });
    const second = await create(body, { productId: fresh.id, headers: key });
    expect(first.status).toBe(201);
    expect(second).toMatchObject({ status: 201, body: first.body });
    expect((await listOfProduct(fresh.id)).body.total).toBe(1);
    expect(await stripePricesOf(fresh.stripeProductId)).toHaveLength(1);
    expect(await create({ ...body, unitAmount: 800 }, { productId: fresh.id, headers: key })).toMatchObject({
      status: 409,
      body: { error: 'This Idempotency-Key was already used with a different request', code: 'idempotency_key_reused' },
    });
  });
});

describe('listing', () => {
  it('lists a product\'s prices and the project\'s, newest first, with filters and pages', async () => {
    const project = await createProject(world.owner, world.team.id, 'Price listing');
    const ref = { ...world, project };
    const first = await createProductRow(ref);
    const second = await createProductRow(ref);
    const a = await createPriceRow(ref, { unitAmount: 100 }, first.id);
    const b = await createPriceRow(ref, { unitAmount: 200 }, second.id);
    const c = await createPriceRow(ref, { unitAmount: 300 }, first.id);
    await patch(c.id, { active: false }, ref);

    expect((await listOfProduct(first.id, {}, ref)).body).toMatchObject({ total: 2, prices: [{ id: c.id }, { id: a.id }] });
    expect((await listOfProduct(first.id, { active: 'true' }, ref)).body).toMatchObject({ total: 1, prices: [{ id: a.id }] });
    const all = await list({}, ref);
    expect(all).toMatchObject({ status: 200, body: { total: 3, prices: [{ id: c.id }, { id: b.id }, { id: a.id }] } });
    expect(all.body.prices[1]).toEqual((await get(b.id, ref)).body.price);
    expect((await list({ limit: 1, offset: 2 }, ref)).body).toEqual({ total: 3, prices: [all.body.prices[2]] });
    expect((await list({ productId: second.id }, ref)).body).toMatchObject({ total: 1, prices: [{ id: b.id }] });
    expect((await list({ active: 'false' }, ref)).body).toMatchObject({ total: 1, prices: [{ id: c.id }] });
    // A product of another project filters to nothing rather than leaking its prices.
    expect((await list({ productId: product.id }, ref)).body).toEqual({ total: 0, prices: [] });
  });
});

describe('updating', () => {
  it('changes active, nickname and metadata, in Stripe and here', async () => {
    const price = await createPriceRow(world, { nickname: 'Old', metadata: { keep: '1', drop: '2' } }, product.id);
    const res = await patch(price.id, { active: false, nickname: 'New', metadata: { drop: '', add: '3' } });
    expect(res.status).toBe(200);
    expect(res.body.price).toMatchObject({ id: price.id, active: false, nickname: 'New', metadata: { keep: '1', add: '3' }, unitAmount: 1000 });
    const inStripe = await stripe.prices.retrieve(price.stripePriceId);
    expect(inStripe).toMatchObject({ active: false, nickname: 'New', metadata: { keep: '1', add: '3', billstack_id: price.id } });
    expect(inStripe.metadata).not.toHaveProperty('drop');
    expect((await get(price.id)).body).toEqual(res.body);

    const cleared = await patch(price.id, { nickname: null, active: true });
    expect(cleared.body.price).toMatchObject({ nickname: null, active: true });
    expect(await stripe.prices.retrieve(price.stripePriceId)).toMatchObject({ nickname: null, active: true });
  });

  it.each(['unitAmount', 'currency', 'interval', 'intervalCount', 'trialDays', 'productId'])(
    'refuses to change %s with 400 naming it, as amounts and terms are fixed in Stripe',
    async (field) => {
      const price = await createPriceRow(world, {}, product.id);
      const res = await patch(price.id, { [field]: field === 'currency' || field === 'interval' || field === 'productId' ? 'x' : 5 });
      expect(res).toEqual({
        status: 400,
        body: { error: `Invalid body field "${field}": A price cannot change once created (as in Stripe); create a new price instead`, code: 'validation_error', field },
        headers: expect.anything(),
      });
      expect(await stripe.prices.retrieve(price.stripePriceId)).toMatchObject({ unit_amount: 1000, currency: 'usd' });
    },
  );

  it('refuses unknown fields with 400 naming them', async () => {
    const price = await createPriceRow(world, {}, product.id);
    expect(await patch(price.id, { lookupKey: 'x' })).toMatchObject({ status: 400, body: { error: 'Unknown field "lookupKey" in body', code: 'validation_error', field: 'lookupKey' } });
  });

  it('answers 502 when Stripe fails, leaving the row as it was', async () => {
    const price = await createPriceRow(world, {}, product.id);
    emulator().injectFaults(secretKey, { count: 1, status: 500 });
    expect((await patch(price.id, { active: false })).status).toBe(502);
    expect((await get(price.id)).body.price.active).toBe(true);
  });
});

describe('isolation', () => {
  it('a price or product of another project or team, or a malformed id, is 404', async () => {
    const sibling = await createPriceRow({ ...world, project: world.siblingProject });
    const foreign = await createPriceRow({ owner: world.otherOwner, team: world.otherTeam, project: world.otherProject });
    for (const id of [sibling.id, foreign.id, 'pri_doesnotexist', foreign.stripePriceId, product.id]) {
      expect(await get(id)).toMatchObject({ status: 404, body: { error: 'Price not found', code: 'price_not_found' } });
      expect(await patch(id, { active: false })).toMatchObject({ status: 404, body: { error: 'Price not found', code: 'price_not_found' } });
    }
    for (const productId of [sibling.productId, foreign.productId, 'pp_doesnotexist', 'prod_123']) {
      expect(await listOfProduct(productId)).toMatchObject({ status: 404, body: { error: 'Product not found', code: 'product_not_found' } });
      expect(await create({ unitAmount: 100, currency: 'usd' }, { productId })).toMatchObject({ status: 404, body: { error: 'Product not found', code: 'product_not_found' } });
    }
    const listed = (await list({ limit: 100 })).body.prices.map((price: { id: string }) => price.id);
    expect(listed).not.toContain(sibling.id);
    expect(listed).not.toContain(foreign.id);
    expect((await get(sibling.id, { ...world, project: world.siblingProject })).status).toBe(200);
  });
});
