// Objects made or changed directly in Stripe (its dashboard, another tool) reach BillStack through the
// webhook intake, delivered by the emulator over HTTP exactly as Stripe delivers them.
import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import * as customersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/route';
import * as productsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/products/route';
import * as pricesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/prices/route';
import * as subscriptionsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/route';
import { getDb } from '@/db/client';
import { coupons, subscriptionHistory } from '@/db/schema';
import { call } from '../helpers/http';
import { createCustomerRow, projectParams, projectPath } from '../helpers/catalog';
import { PAYING_CARD, useStripeEmulator } from '../helpers/stripe';
import { useWebhookBridge } from '../helpers/webhook-bridge';
import { buildWorld, type World } from '../helpers/world';

const emulator = useStripeEmulator();
useWebhookBridge();
let world: World;
let stripe: Stripe;

beforeAll(async () => {
  world = await buildWorld();
  ({ stripe } = world.stripeAccount!);
});

const list = async (handler: typeof customersRoute.GET, path: string, query: Record<string, string> = {}) =>
  (await call(handler, projectPath(world, path), { params: projectParams(world), query, headers: world.owner.headers })).body;

describe('objects made outside BillStack', () => {
  it('adopts a customer, product, price and subscription created in Stripe, into the team\'s first project', async () => {
    const customer = await stripe.customers.create({ email: 'outside@example.com', name: 'From Stripe', ...PAYING_CARD });
    const product = await stripe.products.create({ name: 'Made in Stripe' });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 990, currency: 'gbp', recurring: { interval: 'year' } });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await emulator().idle();

    const customers = await list(customersRoute.GET, '/customers', { email: 'outside@example.com' });
    expect(customers).toMatchObject({ total: 1, customers: [{ name: 'From Stripe', stripeCustomerId: customer.id }] });
    const products = await list(productsRoute.GET, '/products');
    const adoptedProduct = products.products.find((row: { stripeProductId: string }) => row.stripeProductId === product.id);
    expect(adoptedProduct).toMatchObject({ name: 'Made in Stripe', active: true });
    const prices = await list(pricesRoute.GET, '/prices', { productId: adoptedProduct.id });
    expect(prices).toMatchObject({ total: 1, prices: [{ stripePriceId: price.id, unitAmount: 990, currency: 'gbp', interval: 'year' }] });
    const subscriptions = await list(subscriptionsRoute.GET, '/subscriptions', { customerId: customers.customers[0].id });
    expect(subscriptions).toMatchObject({
      total: 1,
      subscriptions: [{ stripeSubscriptionId: subscription.id, status: 'active', items: [{ priceId: prices.prices[0].id, quantity: 1 }] }],
    });
  });

  it('keeps coupons, and a subscription\'s discount and its MRR in the history', async () => {
    const coupon = await stripe.coupons.create({ percent_off: 25, duration: 'forever', name: 'Launch' });
    const customer = await stripe.customers.create({ email: 'discounted@example.com', ...PAYING_CARD });
    const product = await stripe.products.create({ name: 'Discounted plan' });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 4000, currency: 'usd', recurring: { interval: 'month' } });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], discounts: [{ coupon: coupon.id }] });
    await emulator().idle();

    const db = await getDb();
    expect(await db.select().from(coupons).where(and(eq(coupons.teamId, world.team.id), eq(coupons.stripeCouponId, coupon.id)))).toMatchObject([
      { name: 'Launch', percentOff: 25, duration: 'forever', valid: true, deleted: false },
    ]);
    const history = await db.select().from(subscriptionHistory).where(eq(subscriptionHistory.teamId, world.team.id));
    const created = history.find((row) => row.eventType === 'customer.subscription.created' && row.items[0].stripePriceId === price.id);
    // 40.00 a month less 25%.
    expect(created).toMatchObject({ status: 'active', mrr: 3000, discount: { couponId: coupon.id, percentOff: 25 } });
    expect(created!.stripeEventId).toMatch(/^evt_/);
    expect(subscription.discounts).toHaveLength(1);

    await stripe.coupons.del(coupon.id);
    await emulator().idle();
    expect(await db.select().from(coupons).where(and(eq(coupons.teamId, world.team.id), eq(coupons.stripeCouponId, coupon.id)))).toMatchObject([
      { deleted: true, valid: false },
    ]);
  });

  it('follows changes made in Stripe to objects BillStack created', async () => {
    const customer = await createCustomerRow(world, { name: 'Before' });
    await stripe.customers.update(customer.stripeCustomerId, { name: 'After', metadata: { source: 'dashboard' } });
    await emulator().idle();
    const { customers } = await list(customersRoute.GET, '/customers', { email: customer.email });
    expect(customers).toMatchObject([{ id: customer.id, name: 'After', metadata: { source: 'dashboard' } }]);

    await stripe.customers.del(customer.stripeCustomerId);
    await emulator().idle();
    expect(await list(customersRoute.GET, '/customers', { email: customer.email })).toMatchObject({ total: 0 });
  });
});
