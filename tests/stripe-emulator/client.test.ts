import { afterAll, beforeAll, expect, test } from 'vitest';
import { stripeClient } from '@/lib/stripe/client';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { newKey, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
const previousBase = process.env.STRIPE_API_BASE;
beforeAll(async () => {
  emulator = await startTestEmulator();
  process.env.STRIPE_API_BASE = emulator.url;
});
afterAll(async () => {
  if (previousBase === undefined) delete process.env.STRIPE_API_BASE;
  else process.env.STRIPE_API_BASE = previousBase;
  await emulator.close();
});

test('stripeClient follows STRIPE_API_BASE to the emulator', async () => {
  const key = newKey();
  expect((await stripeClient(key).accounts.retrieveCurrent()).id).toBe(emulator.accountId(key));
});
