// Each resource through the SDK: create / retrieve / update / delete / list and Stripe's refusals.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { expectStripeShape, monthlyPlan, newKey, sdk, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

describe('customers', () => {
  test('create, update (metadata merge), list by email, delete to a stub', async () => {
    const stripe = sdk(emulator, newKey());
    const customer = await stripe.customers.create({ email: 'a@example.com', name: 'A', metadata: { a: '1', b: '2' } });
    expect(customer.id).toMatch(/^cus_/);
    await stripe.customers.create({ email: 'b@example.com' });
    const updated = await stripe.customers.update(customer.id, { name: 'Ada', metadata: { a: '', c: '3' } });
    expect(updated).toMatchObject({ name: 'Ada', email: 'a@example.com', metadata: { b: '2', c: '3' } });
    expect((await stripe.customers.list({ email: 'a@example.com' })).data.map((c) => c.id)).toEqual([customer.id]);

    expect(await stripe.customers.del(customer.id)).toEqual(expect.objectContaining({ id: customer.id, object: 'customer', deleted: true }));
    expect(await stripe.customers.retrieve(customer.id)).toMatchObject({ id: customer.id, deleted: true });
    expect((await stripe.customers.list()).data.map((c) => c.email)).toEqual(['b@example.com']);
    await expect(stripe.customers.update(customer.id, { name: 'x' })).rejects.toMatchObject({ statusCode: 404 });
    const types = (await stripe.events.list()).data.map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['customer.deleted', 'customer.updated']);
  });

  test('deleting a customer cancels its subscriptions', async () => {
    const stripe = sdk(emulator, newKey());
    const { customer, price } = await monthlyPlan(stripe);
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await stripe.customers.del(customer.id);
    expect(await stripe.subscriptions.retrieve(sub.id)).toMatchObject({ status: 'canceled' });
  });
});

describe('products and prices', () => {
  test('product CRUD; delete refused while it has prices', async () => {
    const stripe = sdk(emulator, newKey());
    const product = await stripe.products.create({ name: 'Basic', description: 'd', metadata: { tier: '1' } });
    expectStripeShape(product, 'product');
    const updated = await stripe.products.update(product.id, { name: 'Basic+', active: false });
    expect(updated).toMatchObject({ name: 'Basic+', active: false, metadata: { tier: '1' } });
    expect((await stripe.products.list({ active: false })).data).toHaveLength(1);
    const price = await stripe.prices.create({ product: product.id, unit_amount: 100, currency: 'usd' });
    await expect(stripe.products.del(product.id)).rejects.toMatchObject({ statusCode: 400 });
    expect(await stripe.products.update(product.id, { default_price: price.id })).toMatchObject({ default_price: price.id });
    const lonely = await stripe.products.create({ name: 'Lonely' });
    expect(await stripe.products.del(lonely.id)).toMatchObject({ deleted: true });
    await expect(stripe.products.retrieve(lonely.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  test('prices: product_data, recurring, filters, and only active/nickname/metadata change', async () => {
    const stripe = sdk(emulator, newKey());
    const yearly = await stripe.prices.create({
      currency: 'USD',
      unit_amount: 12000,
      recurring: { interval: 'year' },
      product_data: { name: 'Annual' },
      nickname: 'annual',
    });
    expectStripeShape(yearly, 'price');
    expect(yearly).toMatchObject({ currency: 'usd', type: 'recurring', recurring: { interval: 'year', interval_count: 1 } });
    const product = await stripe.products.retrieve(String(yearly.product));
    expect(product.name).toBe('Annual');
    const oneTime = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 500 });
    expect(oneTime).toMatchObject({ type: 'one_time', recurring: null });
    expect((await stripe.prices.list({ type: 'one_time' })).data.map((p) => p.id)).toEqual([oneTime.id]);
    expect((await stripe.prices.list({ product: product.id })).data).toHaveLength(2);
    const archived = await stripe.prices.update(yearly.id, { active: false, nickname: 'old', metadata: { k: 'v' } });
    expect(archived).toMatchObject({ active: false, nickname: 'old', metadata: { k: 'v' }, unit_amount: 12000 });
    expect((await stripe.prices.list({ active: true })).data.map((p) => p.id)).toEqual([oneTime.id]);
    await expect(
      stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1, recurring: { interval: 'fortnight' as 'month' } }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'recurring[interval]' });
    await expect(stripe.prices.create({ product: 'prod_missing', currency: 'usd', unit_amount: 1 })).rejects.toMatchObject({
      statusCode: 404,
      param: 'product',
    });
  });
});

describe('coupons and promotion codes', () => {
  test('coupon validation, promotion codes in the 2026 shape, redemption on subscriptions', async () => {
    const stripe = sdk(emulator, newKey());
    await expect(stripe.coupons.create({ duration: 'once' })).rejects.toMatchObject({ statusCode: 400 });
    await expect(stripe.coupons.create({ amount_off: 100, duration: 'once' })).rejects.toMatchObject({ param: 'currency' });
    await expect(stripe.coupons.create({ percent_off: 10, duration: 'repeating' })).rejects.toMatchObject({ param: 'duration_in_months' });
    const coupon = await stripe.coupons.create({ id: 'HALF', percent_off: 50, duration: 'forever', name: 'Half' });
    expect(coupon).toMatchObject({ id: 'HALF', valid: true, times_redeemed: 0 });
    const promo = await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'LAUNCH' });
    expectStripeShape(promo, 'promotion_code');
    expect(promo).toMatchObject({ code: 'LAUNCH', active: true, promotion: { type: 'coupon', coupon: 'HALF' } });
    expect((await stripe.promotionCodes.list({ code: 'launch' })).data.map((p) => p.id)).toEqual([promo.id]);

    const { customer, price } = await monthlyPlan(stripe, 3000);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      discounts: [{ promotion_code: promo.id }],
      expand: ['latest_invoice', 'discounts'],
    });
    expect(sub.latest_invoice).toMatchObject({ subtotal: 3000, total: 1500, amount_paid: 1500 });
    expect((sub.discounts[0] as Stripe.Discount).source.coupon).toBe('HALF');
    expect((await stripe.coupons.retrieve('HALF')).times_redeemed).toBe(1);
    expect((await stripe.promotionCodes.retrieve(promo.id)).times_redeemed).toBe(1);
    expect(await stripe.promotionCodes.update(promo.id, { active: false })).toMatchObject({ active: false });
    expect(await stripe.coupons.del('HALF')).toMatchObject({ deleted: true });
  });
});

describe('subscriptions', () => {
  test('item changes, metadata, filters and refusals', async () => {
    const stripe = sdk(emulator, newKey());
    const { customer, price, product } = await monthlyPlan(stripe, 1000);
    const bigger = await stripe.prices.create({ product: product.id, unit_amount: 5000, currency: 'usd', recurring: { interval: 'month' } });
    const yearly = await stripe.prices.create({ product: product.id, unit_amount: 9000, currency: 'usd', recurring: { interval: 'year' } });
    // Classic billing mode keeps one interval per subscription (flexible mode mixes them: billing.test.ts).
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id, quantity: 2 }],
      metadata: { a: '1' },
      billing_mode: { type: 'classic' },
    });
    const item = sub.items.data[0];

    const changed = await stripe.subscriptions.update(sub.id, {
      items: [{ id: item.id, price: bigger.id, quantity: 3 }],
      metadata: { b: '2' },
    });
    expect(changed.items.data).toHaveLength(1);
    expect(changed.items.data[0]).toMatchObject({ id: item.id, quantity: 3, price: { id: bigger.id } });
    expect(changed.metadata).toEqual({ a: '1', b: '2' });
    const [updated] = (await stripe.events.list({ type: 'customer.subscription.updated' })).data;
    expect(Object.keys(updated.data.previous_attributes ?? {}).sort()).toEqual(['items', 'metadata']);

    await expect(stripe.subscriptions.update(sub.id, { items: [{ price: yearly.id }] })).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }, { price: yearly.id }], billing_mode: { type: 'classic' } }),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(stripe.subscriptions.create({ customer: 'cus_missing', items: [{ price: price.id }] })).rejects.toMatchObject({
      statusCode: 404,
      param: 'customer',
    });

    expect((await stripe.subscriptions.list({ price: bigger.id })).data.map((s) => s.id)).toEqual([sub.id]);
    expect((await stripe.subscriptions.list({ status: 'trialing' })).data).toEqual([]);
    await stripe.subscriptions.cancel(sub.id);
    await expect(stripe.subscriptions.cancel(sub.id)).rejects.toMatchObject({ statusCode: 400 });
    await expect(stripe.subscriptions.update(sub.id, { cancel_at_period_end: true })).rejects.toMatchObject({ statusCode: 400 });
    expect((await stripe.subscriptions.update(sub.id, { metadata: { c: '3' } })).metadata).toMatchObject({ c: '3' });
    expect((await stripe.subscriptions.list({ status: 'canceled' })).data.map((s) => s.id)).toEqual([sub.id]);
  });
});

describe('invoices', () => {
  test('list by customer and subscription; lines are listable', async () => {
    const stripe = sdk(emulator, newKey());
    const { customer, price } = await monthlyPlan(stripe);
    const other = await stripe.customers.create({ email: 'other@example.com' });
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await stripe.subscriptions.create({ customer: other.id, items: [{ price: price.id }] });
    const mine = await stripe.invoices.list({ customer: customer.id });
    expect(mine.data).toHaveLength(1);
    expect(mine.data[0]).toMatchObject({
      customer_email: customer.email,
      number: expect.stringMatching(/^[0-9A-F]{8}-0001$/),
      status_transitions: { paid_at: sub.created },
    });
    expect((await stripe.invoices.list({ subscription: sub.id })).data.map((i) => i.id)).toEqual([mine.data[0].id]);
    const lines = await stripe.invoices.listLineItems(mine.data[0].id);
    expect(lines.data[0]).toMatchObject({ object: 'line_item', amount: 2000, subscription: sub.id });
    await expect(stripe.invoices.retrieve('in_missing')).rejects.toMatchObject({ statusCode: 404 });
  });
});

test('state survives a restart with dataFile', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stripe-emulator-'));
  const dataFile = path.join(dir, 'state.json');
  const key = newKey();
  const first = await startTestEmulator({ dataFile });
  const customer = await sdk(first, key).customers.create({ email: 'kept@example.com' });
  await first.close();
  const second = await startTestEmulator({ dataFile });
  expect(await sdk(second, key).customers.retrieve(customer.id)).toMatchObject({ email: 'kept@example.com' });
  await second.close();
  rmSync(dir, { recursive: true });
});
