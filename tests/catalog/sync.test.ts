import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { products } from '@/db/schema';
import { archiveProductDeletedInStripe, upsertPriceFromStripe, upsertProductFromStripe } from '@/lib/stripe/mirror/catalog';
import { newId } from '@/lib/http/ids';
import { getProject } from '@/lib/projects/service';
import * as syncRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/sync/route';
import * as productsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/products/route';
import * as productRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/products/[productId]/route';
import * as pricesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/prices/route';
import * as priceRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/prices/[priceId]/route';
import * as customersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/route';
import * as customerRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/route';
import type { RouteHandler } from '@/lib/http/route';
import { call } from '../helpers/http';
import { createProject, createTeam, signUp, uniqueEmail, type TestUser } from '../helpers/fixtures';
import { createCustomerRow, createPriceRow, createProductRow, projectParams, projectPath } from '../helpers/catalog';
import { connectTeam, useStripeEmulator } from '../helpers/stripe';

const emulator = useStripeEmulator();
let owner: TestUser;

beforeAll(async () => {
  owner = await signUp();
});

interface Account {
  team: { id: string };
  project: { id: string; teamId: string };
  other: { id: string; teamId: string };
  stripe: Stripe;
  secretKey: string;
}

/** A team with its own Stripe account and two projects: whatever a test puts in Stripe is its alone. */
async function freshAccount(): Promise<Account> {
  const team = await createTeam(owner, 'Sync');
  const { stripe, secretKey } = await connectTeam(owner, team.id);
  return { team, project: await createProject(owner, team.id, 'P'), other: await createProject(owner, team.id, 'Q'), stripe, secretKey };
}

const refOf = ({ team, project }: Pick<Account, 'team' | 'project'>) => ({ owner, team, project });
const sync = (account: Pick<Account, 'team' | 'project'>) =>
  call(syncRoute.POST, projectPath(refOf(account), '/sync'), { method: 'POST', params: projectParams(refOf(account)), headers: owner.headers });
const read = (handler: RouteHandler, account: Pick<Account, 'team' | 'project'>, path: string, params: Record<string, string> = {}, query = {}) =>
  call(handler, projectPath(refOf(account), path), { params: projectParams(refOf(account), params), query, headers: owner.headers });
const tags = (project: { id: string }, id?: string) => ({ billstack_project_id: project.id, ...(id ? { billstack_id: id } : {}) });
const counts = (customers: [number, number], products: [number, number], prices: [number, number]) => ({
  sync: {
    customers: { created: customers[0], updated: customers[1] },
    products: { created: products[0], updated: products[1] },
    prices: { created: prices[0], updated: prices[1] },
  },
});

describe('POST /sync', () => {
  it('adopts untagged objects and this project\'s tagged ones, skips another project\'s, and updates ours to Stripe\'s state', async () => {
    const account = await freshAccount();
    const { stripe, project, other } = account;
    const ref = refOf(account);

    // Made through BillStack, then changed or deleted directly in Stripe.
    const apiProduct = await createProductRow(ref, { name: 'Made here' });
    const apiPrice = await createPriceRow(ref, {}, apiProduct.id);
    const apiCustomer = await createCustomerRow(ref);
    const keptCustomer = await createCustomerRow(ref);
    await stripe.products.update(apiProduct.stripeProductId, { name: 'Renamed in Stripe', active: false, metadata: { added: 'yes' } });
    await stripe.prices.update(apiPrice.stripePriceId, { nickname: 'Set in Stripe' });
    await stripe.customers.del(apiCustomer.stripeCustomerId);

    // Made directly in Stripe.
    const taggedProductId = newId('product');
    const taggedPriceId = newId('price');
    const taggedCustomerId = newId('customer');
    const untagged = await stripe.products.create({ name: 'Dashboard plan', description: 'From the dashboard', metadata: { source: 'dashboard' } });
    const tagged = await stripe.products.create({ name: 'Lost write', metadata: tags(project, taggedProductId) });
    const malformedTag = await stripe.products.create({ name: 'Odd tag', metadata: tags(project, 'not-an-id') });
    const othersProduct = await stripe.products.create({ name: 'Q only', metadata: tags(other) });
    const untaggedPrice = await stripe.prices.create({
      product: untagged.id,
      unit_amount: 1500,
      currency: 'gbp',
      recurring: { interval: 'month', interval_count: 2, trial_period_days: 7 },
      nickname: 'Bimonthly',
    });
    const taggedPrice = await stripe.prices.create({ product: tagged.id, unit_amount: 5000, currency: 'usd', metadata: tags(project, taggedPriceId) });
    await stripe.prices.create({ product: othersProduct.id, unit_amount: 100, currency: 'usd' });
    await stripe.prices.create({ product: othersProduct.id, unit_amount: 200, currency: 'usd', metadata: tags(other) });
    const untaggedCustomer = await stripe.customers.create({ email: uniqueEmail('stripe'), name: 'From Stripe', metadata: { crm: '42' } });
    await stripe.customers.create({ email: uniqueEmail('tagged'), metadata: tags(project, taggedCustomerId) });
    await stripe.customers.create({ name: 'No email' });
    // Its email is already a customer's of P: P leaves it, Q (where the email is free) adopts it.
    const duplicate = await stripe.customers.create({ email: keptCustomer.email });
    const othersCustomer = await stripe.customers.create({ email: uniqueEmail('q'), metadata: tags(other) });

    expect(await sync(account)).toMatchObject({ status: 200, body: counts([2, 1], [3, 1], [2, 1]) });

    const listed = (await read(productsRoute.GET, account, '/products')).body;
    expect(listed.total).toBe(4);
    expect(listed.products.map((p: { stripeProductId: string }) => p.stripeProductId)).not.toContain(othersProduct.id);
    const adopted = listed.products.find((p: { stripeProductId: string }) => p.stripeProductId === untagged.id);
    expect(adopted).toEqual({
      id: expect.stringMatching(/^pp_/),
      name: 'Dashboard plan',
      description: 'From the dashboard',
      active: true,
      stripeProductId: untagged.id,
      metadata: { source: 'dashboard' },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await read(productRoute.GET, account, `/products/${taggedProductId}`, { productId: taggedProductId })).body.product).toMatchObject({
      stripeProductId: tagged.id,
      name: 'Lost write',
      metadata: {},
    });
    expect(listed.products.find((p: { stripeProductId: string }) => p.stripeProductId === malformedTag.id).id).toMatch(/^pp_/);
    expect((await read(productRoute.GET, account, `/products/${apiProduct.id}`, { productId: apiProduct.id })).body.product).toMatchObject({
      name: 'Renamed in Stripe',
      active: false,
      metadata: { added: 'yes' },
    });

    const pricesOfAdopted = (await read(pricesRoute.GET, account, '/prices', {}, { productId: adopted.id })).body;
    expect(pricesOfAdopted).toEqual({
      total: 1,
      prices: [
        {
          id: expect.stringMatching(/^pri_/),
          productId: adopted.id,
          unitAmount: 1500,
          currency: 'gbp',
          interval: 'month',
          intervalCount: 2,
          trialDays: 7,
          nickname: 'Bimonthly',
          active: true,
          stripePriceId: untaggedPrice.id,
          metadata: {},
          createdAt: expect.any(String),
        },
      ],
    });
    expect((await read(priceRoute.GET, account, `/prices/${taggedPriceId}`, { priceId: taggedPriceId })).body.price).toMatchObject({
      productId: taggedProductId,
      stripePriceId: taggedPrice.id,
      unitAmount: 5000,
      interval: null,
      intervalCount: null,
    });
    expect((await read(priceRoute.GET, account, `/prices/${apiPrice.id}`, { priceId: apiPrice.id })).body.price.nickname).toBe('Set in Stripe');
    expect((await read(pricesRoute.GET, account, '/prices')).body.total).toBe(3);

    const customers = (await read(customersRoute.GET, account, '/customers')).body;
    expect(customers.total).toBe(3);
    expect(customers.customers.find((c: { stripeCustomerId: string }) => c.stripeCustomerId === untaggedCustomer.id)).toMatchObject({
      id: expect.stringMatching(/^pc_/),
      email: untaggedCustomer.email,
      name: 'From Stripe',
      metadata: { crm: '42' },
    });
    expect((await read(customerRoute.GET, account, `/customers/${taggedCustomerId}`, { customerId: taggedCustomerId })).status).toBe(200);
    expect(await read(customerRoute.GET, account, `/customers/${apiCustomer.id}`, { customerId: apiCustomer.id })).toMatchObject({
      status: 404,
      body: { error: 'Customer not found', code: 'customer_not_found' },
    });

    // Nothing changed in Stripe: nothing to do.
    expect(await sync(account)).toMatchObject({ status: 200, body: counts([0, 0], [0, 0], [0, 0]) });

    // The other project takes what is tagged for it and what P could not hold; not what P holds.
    const forOther = { team: account.team, project: other };
    expect(await sync(forOther)).toMatchObject({ status: 200, body: counts([2, 0], [1, 0], [2, 0]) });
    const otherCustomers = (await read(customersRoute.GET, forOther, '/customers')).body.customers;
    expect(otherCustomers.map((c: { stripeCustomerId: string }) => c.stripeCustomerId).sort()).toEqual([othersCustomer.id, duplicate.id].sort());
    expect((await read(productsRoute.GET, forOther, '/products')).body.products).toMatchObject([{ stripeProductId: othersProduct.id }]);
    expect(await sync(account)).toMatchObject({ status: 200, body: counts([0, 0], [0, 0], [0, 0]) });
  });

  it('brings back, under their ids, objects whose database write failed after Stripe\'s succeeded', async () => {
    const account = await freshAccount();
    const price = await createPriceRow(refOf(account));
    const db = await getDb();
    // The product's row goes, and with it (on delete cascade) its price's: as if neither write had happened.
    await db.delete(products).where(eq(products.id, price.productId));
    expect((await read(priceRoute.GET, account, `/prices/${price.id}`, { priceId: price.id })).status).toBe(404);

    expect(await sync(account)).toMatchObject({ status: 200, body: counts([0, 0], [1, 0], [1, 0]) });
    expect((await read(priceRoute.GET, account, `/prices/${price.id}`, { priceId: price.id })).body.price).toMatchObject({
      id: price.id,
      productId: price.productId,
      stripePriceId: price.stripePriceId,
    });
  });

  it('pages through Stripe lists longer than one page', async () => {
    const account = await freshAccount();
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(Array.from({ length: 25 }, (_, i) => account.stripe.products.create({ name: `Bulk ${batch * 25 + i}` })));
    }
    expect(await sync(account)).toMatchObject({ status: 200, body: counts([0, 0], [125, 0], [0, 0]) });
    expect((await read(productsRoute.GET, account, '/products', {}, { limit: 1 })).body.total).toBe(125);
  });

  it('answers 502 with Stripe\'s message when Stripe fails, and 409 without a connection', async () => {
    const account = await freshAccount();
    emulator().injectFaults(account.secretKey, { count: 1, status: 500 });
    expect(await sync(account)).toMatchObject({ status: 502, body: { error: 'An unknown error occurred (injected by the emulator).', code: 'stripe_error' } });
    emulator().injectFaults(account.secretKey, { count: 1, status: 429 });
    expect(await sync(account)).toMatchObject({ status: 502, body: { error: expect.stringMatching(/^Too many requests/) } });

    const team = await createTeam(owner);
    const project = await createProject(owner, team.id);
    expect(await sync({ team, project })).toMatchObject({ status: 409, body: { error: 'Stripe is not connected for this team', code: 'stripe_not_connected' } });
  });
});

describe('upserting from Stripe objects (shared with the webhook intake)', () => {
  it('adopts a price whose product BillStack does not know yet, product first; applying it again changes nothing', async () => {
    const account = await freshAccount();
    const db = await getDb();
    const project = await getProject(db, { teamId: account.team.id, projectId: account.project.id });
    const stripeProduct = await account.stripe.products.create({ name: 'Arrives late' });
    const stripePrice = await account.stripe.prices.create({ product: stripeProduct.id, unit_amount: 900, currency: 'usd', recurring: { interval: 'week' } });

    const first = await upsertPriceFromStripe(db, project, stripePrice);
    expect(first).toMatchObject({ outcome: 'created', row: { stripePriceId: stripePrice.id, unitAmount: 900, interval: 'week', intervalCount: 1 } });
    const product = (await read(productRoute.GET, account, `/products/${first.row!.productId}`, { productId: first.row!.productId })).body.product;
    expect(product).toMatchObject({ name: 'Arrives late', stripeProductId: stripeProduct.id });

    expect(await upsertPriceFromStripe(db, project, stripePrice)).toMatchObject({ outcome: 'unchanged', row: first.row });
    expect(await upsertProductFromStripe(db, project, stripeProduct)).toMatchObject({ outcome: 'unchanged' });

    // Full states, not deltas: an older state applied after a newer one is simply the state now held.
    const renamed = await account.stripe.products.update(stripeProduct.id, { name: 'Renamed' });
    expect(await upsertProductFromStripe(db, project, renamed)).toMatchObject({ outcome: 'updated', row: { name: 'Renamed' } });
    expect(await upsertProductFromStripe(db, project, stripeProduct)).toMatchObject({ outcome: 'updated', row: { name: 'Arrives late' } });
  });

  it('skips an object another project holds or is tagged for, saying why', async () => {
    const account = await freshAccount();
    const db = await getDb();
    const project = await getProject(db, { teamId: account.team.id, projectId: account.project.id });
    const other = await getProject(db, { teamId: account.team.id, projectId: account.other.id });
    const stripeProduct = await account.stripe.products.create({ name: 'Shared' });
    expect((await upsertProductFromStripe(db, project, stripeProduct)).outcome).toBe('created');
    expect(await upsertProductFromStripe(db, other, stripeProduct)).toEqual({ outcome: 'skipped', row: null, reason: 'held by another project' });
    const tagged = await account.stripe.products.create({ name: 'Tagged', metadata: tags(other) });
    expect(await upsertProductFromStripe(db, project, tagged)).toEqual({ outcome: 'skipped', row: null, reason: 'tagged for another project' });
  });

  it('archives, rather than deletes, a product deleted in Stripe', async () => {
    const account = await freshAccount();
    const db = await getDb();
    const project = await getProject(db, { teamId: account.team.id, projectId: account.project.id });
    const stripeProduct = await account.stripe.products.create({ name: 'Short-lived' });
    const { row } = await upsertProductFromStripe(db, project, stripeProduct);
    await account.stripe.products.del(stripeProduct.id);
    expect(await archiveProductDeletedInStripe(db, account.team.id, stripeProduct.id)).toMatchObject({
      outcome: 'updated',
      row: { id: row!.id, active: false, name: 'Short-lived' },
    });
    expect(await archiveProductDeletedInStripe(db, account.team.id, stripeProduct.id)).toEqual({
      outcome: 'skipped',
      row: null,
      reason: 'no active product of the team has it',
    });
  });
});
