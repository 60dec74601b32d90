import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import { afterAll, beforeAll } from 'vitest';
import { startStripeEmulator, type StripeEmulator } from '@/stripe-emulator/server';
import * as stripeRoute from '@/app/api/billstack/teams/[teamId]/stripe/route';
import { stripeClient } from '@/lib/stripe/client';
import { call } from './http';
import type { TestUser } from './fixtures';

/** A fresh, well-formed test key: its own emulated Stripe account. */
export function newStripeKey(): string {
  return `sk_test_${randomBytes(16).toString('hex')}`;
}

/**
 * Starts a real emulator for this test file and points BillStack's Stripe client at it, as
 * STRIPE_API_BASE does in production. `emulator()` is usable inside tests and hooks.
 */
export function useStripeEmulator(): () => StripeEmulator {
  let emulator: StripeEmulator | undefined;
  beforeAll(async () => {
    emulator = await startStripeEmulator({ port: 0, webhookRetryDelaysMs: [20, 50, 100] });
    process.env.STRIPE_API_BASE = emulator.url;
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return () => {
    if (!emulator) throw new Error('the emulator starts in beforeAll');
    return emulator;
  };
}

/**
 * Stripe's test card that pays (`pm_card_visa`), attached as the customer's default: what Stripe needs to
 * charge a subscription created through the API (without one it starts `incomplete`).
 */
export const PAYING_CARD = { payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } };

/** Gives a customer created without a card (BillStack creates them so) the paying test card. */
export async function givePayingCard(stripe: Stripe, customerId: string): Promise<void> {
  await stripe.customers.update(customerId, { invoice_settings: PAYING_CARD.invoice_settings });
}

/** Connects a team to a fresh emulated account through the API; returns the key for direct SDK checks. */
export async function connectTeam(owner: TestUser, teamId: string, secretKey = newStripeKey()) {
  const res = await call(stripeRoute.POST, `/api/billstack/teams/${teamId}/stripe`, {
    method: 'POST',
    params: { teamId },
    body: { secretKey },
    headers: owner.headers,
  });
  if (res.status !== 201) throw new Error(`connect failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { secretKey, stripe: stripeClient(secretKey), connection: res.body.stripe };
}
