// List defaults as Stripe documents them: prices.list returns active prices unless `active` is given
// (https://docs.stripe.com/api/prices/list); products.list returns all products (https://docs.stripe.com/api/products/list).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { newKey, sdk, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

test('prices.list leaves archived prices out unless active=false asks for them', async () => {
  const stripe = sdk(emulator, newKey());
  const product = await stripe.products.create({ name: 'Pro' });
  const kept = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1000 });
  const archived = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 2000 });
  await stripe.prices.update(archived.id, { active: false });
  expect((await stripe.prices.list()).data.map((p) => p.id)).toEqual([kept.id]);
  expect((await stripe.prices.list({ product: product.id })).data.map((p) => p.id)).toEqual([kept.id]);
  expect((await stripe.prices.list({ active: true })).data.map((p) => p.id)).toEqual([kept.id]);
  expect((await stripe.prices.list({ active: false })).data.map((p) => p.id)).toEqual([archived.id]);
  expect((await stripe.prices.retrieve(archived.id)).active).toBe(false);
});

test('products.list lists active and archived products alike unless active is given', async () => {
  const stripe = sdk(emulator, newKey());
  const kept = await stripe.products.create({ name: 'Kept' });
  const archived = await stripe.products.create({ name: 'Archived' });
  await stripe.products.update(archived.id, { active: false });
  expect((await stripe.products.list()).data.map((p) => p.id)).toEqual([archived.id, kept.id]);
  expect((await stripe.products.list({ active: true })).data.map((p) => p.id)).toEqual([kept.id]);
  expect((await stripe.products.list({ active: false })).data.map((p) => p.id)).toEqual([archived.id]);
});
