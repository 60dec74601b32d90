import { getDb } from '@/db/client';
import { stripeForTeam } from '@/lib/stripe/connection';
import { upsertSubscriptionFromStripe } from '@/lib/stripe/mirror/subscriptions';
import * as checkoutRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/checkout/route';
import { call } from '../helpers/http';
import { givePayingCard } from '../helpers/stripe';
import { createCustomerRow, createPriceRow, projectParams, projectPath } from '../helpers/catalog';
import type { TestUser } from '../helpers/fixtures';

interface ProjectRef {
  owner: TestUser;
  team: { id: string };
  project: { id: string };
}

export const testCard = '4242424242424242';
export const declinedCard = '4000000000000002';
export const redirects = { successUrl: 'https://app.example.com/welcome', cancelUrl: 'https://app.example.com/pricing' };

/** POST /checkout as the project's owner (or with the given headers). */
export function startCheckout(ref: ProjectRef, body: Record<string, unknown>, headers: Record<string, string> = ref.owner.headers) {
  return call(checkoutRoute.POST, projectPath(ref, '/checkout'), {
    method: 'POST',
    params: projectParams(ref),
    body: { ...redirects, ...body },
    headers,
  });
}

/** Pays on Stripe's hosted page, as the payer's browser would; the answer is the page's HTTP status. */
export async function payCheckout(url: string, card = testCard): Promise<number> {
  const res = await fetch(`${url}/pay`, { method: 'POST', body: new URLSearchParams({ card }), redirect: 'manual' });
  await res.text();
  return res.status;
}

/**
 * An active subscription made in Stripe and written through the sync service, for tests that run without
 * webhook delivery (the security matrix).
 */
export async function createSubscriptionRow(ref: ProjectRef) {
  const customer = await createCustomerRow(ref);
  const price = await createPriceRow(ref);
  const db = await getDb();
  const { stripe } = await stripeForTeam(db, ref.team.id);
  await givePayingCard(stripe, customer.stripeCustomerId);
  const readAt = new Date();
  const inStripe = await stripe.subscriptions.create({ customer: customer.stripeCustomerId, items: [{ price: price.stripePriceId }] });
  const subscription = await upsertSubscriptionFromStripe(db, stripe, ref.team.id, inStripe, readAt);
  if (!subscription) throw new Error(`subscription ${inStripe.id} was not adopted`);
  return { customer, price, subscription };
}
