import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { portalTokens, subscriptions } from '@/db/schema';
import { readPortalToken } from '@/lib/portal/token';
import { createCustomerRow, createPriceRow, createProductRow } from '../helpers/catalog';
import { givePayingCard, useStripeEmulator } from '../helpers/stripe';
import { useWebhookBridge } from '../helpers/webhook-bridge';
import { buildWorld, type World } from '../helpers/world';
import { issuePortal, portalApi } from './fixtures';

const emulator = useStripeEmulator();
const bridge = useWebhookBridge();
let world: World;
let stripe: Stripe;
let secretKey: string;
let price: Awaited<ReturnType<typeof createPriceRow>>;
type CustomerRow = Awaited<ReturnType<typeof createCustomerRow>>;
let alice: CustomerRow;
let bob: CustomerRow;
let aliceSubscription: string;
let bobSubscription: string;
let aliceToken: string;

/** A subscription made in Stripe, as a SaaS app's own code would, that reaches BillStack through the webhook intake. */
async function subscribe(customer: CustomerRow): Promise<string> {
  await givePayingCard(stripe, customer.stripeCustomerId);
  const created = await stripe.subscriptions.create({ customer: customer.stripeCustomerId, items: [{ price: price.stripePriceId }] });
  await emulator().idle();
  const db = await getDb();
  const [row] = await db.select({ id: subscriptions.id }).from(subscriptions).where(eq(subscriptions.stripeSubscriptionId, created.id));
  if (!row) throw new Error(`subscription ${created.id} did not arrive through the webhook intake`);
  return row.id;
}

beforeAll(async () => {
  world = await buildWorld();
  // buildWorld connected team A already; reconnecting registers the bridge as its webhook endpoint and gives the key.
  ({ stripe, secretKey } = world.stripeAccount!);
  const product = await createProductRow(world, { name: 'Team plan' });
  price = await createPriceRow(world, { unitAmount: 4900, currency: 'eur', interval: 'month' }, product.id);
  alice = await createCustomerRow(world, { name: 'Alice' });
  bob = await createCustomerRow(world, { name: 'Bob' });
  aliceSubscription = await subscribe(alice);
  bobSubscription = await subscribe(bob);
  aliceToken = (await issuePortal(world, { customerId: alice.id, returnUrl: 'https://app.example.com/account' })).token;
});

describe("the customer's subscriptions and invoices", () => {
  it("lists only the token's customer's subscriptions, with the plan a customer recognises", async () => {
    const res = await portalApi.subscriptions(aliceToken);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      subscriptions: [
        expect.objectContaining({
          id: aliceSubscription,
          customerId: alice.id,
          status: 'active',
          currency: 'eur',
          cancelAtPeriodEnd: false,
          currentPeriodEnd: expect.stringMatching(/Z$/),
          items: [
            {
              priceId: price.id,
              stripePriceId: price.stripePriceId,
              quantity: 1,
              productName: 'Team plan',
              unitAmount: 4900,
              currency: 'eur',
              interval: 'month',
              intervalCount: 1,
            },
          ],
        }),
      ],
      total: 1,
    });
  });

  it("lists only the token's customer's invoices", async () => {
    const res = await portalApi.invoices(aliceToken);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      invoices: [expect.objectContaining({ customerId: alice.id, subscriptionId: aliceSubscription, total: 4900, currency: 'eur', status: 'paid' })],
      total: 1,
    });
  });

  it('pages with limit and offset and refuses a bad one', async () => {
    expect(await portalApi.subscriptions(aliceToken, {}, { limit: 1, offset: 1 })).toMatchObject({ status: 200, body: { subscriptions: [], total: 1 } });
    expect(await portalApi.invoices(aliceToken, {}, { limit: 0 })).toMatchObject({
      status: 400,
      body: { error: 'Invalid query field "limit": Too small: expected number to be >=1', code: 'validation_error', field: 'limit' },
    });
  });
});

describe('cancelling and resuming', () => {
  it('cancels at the period end, in Stripe and in BillStack, then resumes', async () => {
    const canceled = await portalApi.cancel(aliceToken, aliceSubscription);
    expect(canceled).toMatchObject({
      status: 200,
      body: { subscription: { id: aliceSubscription, status: 'active', cancelAtPeriodEnd: true, items: [{ productName: 'Team plan' }] } },
    });
    const stripeId = (await stripe.subscriptions.list({ customer: alice.stripeCustomerId })).data[0].id;
    expect((await stripe.subscriptions.retrieve(stripeId)).cancel_at_period_end).toBe(true);
    expect((await portalApi.subscriptions(aliceToken)).body.subscriptions[0].cancelAtPeriodEnd).toBe(true);

    const resumed = await portalApi.resume(aliceToken, aliceSubscription);
    expect(resumed).toMatchObject({ status: 200, body: { subscription: { id: aliceSubscription, status: 'active', cancelAtPeriodEnd: false } } });
    expect((await stripe.subscriptions.retrieve(stripeId)).cancel_at_period_end).toBe(false);
  });

  it("answers 404 for another customer's subscription in the same project, and leaves it alone", async () => {
    expect(await portalApi.cancel(aliceToken, bobSubscription)).toEqual(expect.objectContaining({ status: 404, body: { error: 'Subscription not found', code: 'subscription_not_found' } }));
    expect(await portalApi.resume(aliceToken, bobSubscription)).toEqual(expect.objectContaining({ status: 404, body: { error: 'Subscription not found', code: 'subscription_not_found' } }));
    const bobs = await stripe.subscriptions.list({ customer: bob.stripeCustomerId });
    expect(bobs.data.map((subscription) => subscription.cancel_at_period_end)).toEqual([false]);
  });

  it('answers 404 for an unknown or malformed subscription id', async () => {
    for (const id of ['ps_doesNotExist', 'sub_123', '..']) {
      expect(await portalApi.cancel(aliceToken, id)).toMatchObject({ status: 404, body: { error: 'Subscription not found', code: 'subscription_not_found' } });
    }
  });

  it('answers 502 with nothing changed when Stripe fails', async () => {
    emulator().injectFaults(secretKey, { count: 1, status: 500 });
    const res = await portalApi.cancel(aliceToken, aliceSubscription);
    expect(res.status).toBe(502);
    expect((await portalApi.subscriptions(aliceToken)).body.subscriptions[0].cancelAtPeriodEnd).toBe(false);
  });
});

describe("Stripe's billing portal", () => {
  it("opens a session for the token's customer that returns to the app's returnUrl", async () => {
    const res = await portalApi.stripePortal(aliceToken);
    expect(res).toMatchObject({ status: 200, body: { url: expect.stringMatching(new RegExp(`^${emulator().url}/billing_portal/bps_`)) } });
    const page = await (await fetch(res.body.url)).text();
    expect(page).toContain(alice.email);
    expect(page).toContain('href="https://app.example.com/account"');
  });

  it("returns to BillStack's hosted portal when the token has no returnUrl", async () => {
    const { token } = await issuePortal(world, { customerId: bob.id });
    const res = await portalApi.stripePortal(token);
    expect(res.status).toBe(200);
    const page = await (await fetch(res.body.url)).text();
    expect(page).toContain(bob.email);
    expect(page).toContain(`href="${bridge()}/portal/${token}"`);
  });
});

describe('a token that no longer opens anything', () => {
  const updateToken = async (token: string, change: Partial<typeof portalTokens.$inferInsert>) => {
    const db = await getDb();
    await db.update(portalTokens).set(change).where(eq(portalTokens.id, readPortalToken(token)!.id));
  };
  const endpoints = [
    ['GET portal', (token: string) => portalApi.get(token)],
    ['GET subscriptions', (token: string) => portalApi.subscriptions(token)],
    ['GET invoices', (token: string) => portalApi.invoices(token)],
    ['POST cancel', (token: string) => portalApi.cancel(token, aliceSubscription)],
    ['POST resume', (token: string) => portalApi.resume(token, aliceSubscription)],
    ['POST stripe-portal', (token: string) => portalApi.stripePortal(token)],
    ['GET plans', (token: string) => portalApi.plans(token, aliceSubscription)],
    ['GET change preview', (token: string) => portalApi.previewChange(token, aliceSubscription, price.id)],
    ['POST change', (token: string) => portalApi.change(token, aliceSubscription, price.id)],
  ] as const;
  const badTokens = {
    expired: async () => {
      const { token } = await issuePortal(world, { customerId: alice.id });
      await updateToken(token, { expiresAt: new Date(Date.now() - 1000) });
      return { token, error: 'Portal token has expired', code: 'portal_token_expired' };
    },
    revoked: async () => {
      const { token } = await issuePortal(world, { customerId: alice.id });
      await updateToken(token, { revokedAt: new Date() });
      return { token, error: 'Portal token has been revoked', code: 'portal_token_revoked' };
    },
    forged: async () => ({ token: `${aliceToken.slice(0, -2)}xx`, error: 'Invalid portal token', code: 'invalid_portal_token' }),
  };

  describe.each(Object.entries(badTokens))('%s', (_, make) => {
    it.each(endpoints)('%s answers 401 and changes nothing', async (_, request) => {
      const { token, error, code } = await make();
      expect(await request(token)).toEqual(expect.objectContaining({ status: 401, body: { error, code } }));
      const db = await getDb();
      const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, aliceSubscription));
      expect(row.cancelAtPeriodEnd).toBe(false);
    });
  });
});
