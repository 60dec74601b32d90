// Creating Checkout Sessions: what BillStack asks of Stripe, and every refusal. Paying is in payment.test.ts.
import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
import * as customersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/route';
import * as priceRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/prices/[priceId]/route';
import { call } from '../helpers/http';
import { uniqueEmail } from '../helpers/fixtures';
import { createCustomerRow, createPriceRow, projectParams, projectPath } from '../helpers/catalog';
import { useStripeEmulator } from '../helpers/stripe';
import { buildWorld, type World } from '../helpers/world';
import { configureReferrals, createReferralCode } from '../referrals/fixtures';
import { redirects, startCheckout } from '../subscriptions/fixtures';

const emulator = useStripeEmulator();
let world: World;
let stripe: Stripe;
let secretKey: string;
let monthly: Awaited<ReturnType<typeof createPriceRow>>;
let customer: Awaited<ReturnType<typeof createCustomerRow>>;

beforeAll(async () => {
  world = await buildWorld();
  ({ stripe, secretKey } = world.stripeAccount!);
  monthly = await createPriceRow(world, { unitAmount: 2500, interval: 'month' });
  customer = await createCustomerRow(world);
  // A checkout's referral code must be a live code of the project (20% off for the referee).
  await configureReferrals(world);
  await createReferralCode(world, { customerId: (await createCustomerRow(world)).id, code: 'FRIEND-42' });
});

const checkout = (body: Record<string, unknown>, headers?: Record<string, string>) =>
  startCheckout(world, body, headers && { ...world.owner.headers, ...headers });
const customersWithEmail = async (email: string) =>
  (await call(customersRoute.GET, projectPath(world, '/customers'), { params: projectParams(world), query: { email }, headers: world.owner.headers }))
    .body as { customers: { id: string; stripeCustomerId: string }[]; total: number };
const sessionsOf = async (stripeCustomerId: string) => (await stripe.checkout.sessions.list({ customer: stripeCustomerId })).data;

describe('creating a checkout', () => {
  it('opens a subscription-mode session for a recurring price, tagged with the project and customer', async () => {
    // Stripe fills in {CHECKOUT_SESSION_ID} itself: the template must pass our URL check untouched.
    const successUrl = 'https://app.example.com/welcome?session={CHECKOUT_SESSION_ID}';
    const res = await checkout({ customerId: customer.id, priceId: monthly.id, quantity: 3, referralCode: 'FRIEND-42', metadata: { campaign: 'spring' }, successUrl });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      checkout: {
        id: expect.stringMatching(/^cs_test_/),
        url: `${emulator().url}/checkout/${res.body.checkout.id}`,
        expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
      },
    });
    const session = await stripe.checkout.sessions.retrieve(res.body.checkout.id);
    const tags = {
      campaign: 'spring',
      billstack_project_id: world.project.id,
      billstack_customer_id: customer.id,
      billstack_referral_code: 'FRIEND-42',
    };
    expect(session).toMatchObject({
      mode: 'subscription',
      status: 'open',
      customer: customer.stripeCustomerId,
      client_reference_id: customer.id,
      success_url: successUrl,
      cancel_url: redirects.cancelUrl,
      // 3 × 2500 less the referee's 20% the referral code carries.
      amount_total: 6000,
      metadata: tags,
    });
    expect(new Date(session.expires_at * 1000).toISOString()).toBe(res.body.checkout.expiresAt);
    const lineItems = await stripe.checkout.sessions.listLineItems(session.id);
    expect(lineItems.data.map((item) => [item.price?.id, item.quantity])).toEqual([[monthly.stripePriceId, 3]]);
  });

  it('opens a payment-mode session for a one-time price', async () => {
    const oneTime = await createPriceRow(world, { unitAmount: 4900, interval: undefined });
    const res = await checkout({ customerId: customer.id, priceId: oneTime.id });
    expect(res.status).toBe(201);
    const session = await stripe.checkout.sessions.retrieve(res.body.checkout.id);
    expect(session).toMatchObject({ mode: 'payment', amount_total: 4900, customer: customer.stripeCustomerId });
  });

  it('creates the customer of a new email first, and reuses it for the same email in any case', async () => {
    const email = uniqueEmail('newcomer');
    const first = await checkout({ customerEmail: email, priceId: monthly.id });
    expect(first.status).toBe(201);
    const { customers, total } = await customersWithEmail(email);
    expect(total).toBe(1);
    const second = await checkout({ customerEmail: email.toUpperCase(), priceId: monthly.id });
    expect(second.status).toBe(201);
    expect((await customersWithEmail(email)).total).toBe(1);
    const sessions = await sessionsOf(customers[0].stripeCustomerId);
    expect(sessions.map((session) => session.id).sort()).toEqual([first.body.checkout.id, second.body.checkout.id].sort());
    expect(sessions.map((session) => session.metadata?.billstack_customer_id)).toEqual([customers[0].id, customers[0].id]);
  });
});

describe('refusals', () => {
  it.each([
    ['an unknown price', () => ({ priceId: 'pri_unknown000000000000' }), 404, 'Price not found'],
    ['a malformed price id', () => ({ priceId: 'price_1' }), 404, 'Price not found'],
    ['a customer of another project', async () => ({ customerId: (await createCustomerRow({ ...world, project: world.siblingProject })).id }), 404, 'Customer not found'],
    ['a customer of another team', async () => ({ customerId: (await createCustomerRow({ owner: world.otherOwner, team: world.otherTeam, project: world.otherProject })).id }), 404, 'Customer not found'],
    ['both customerId and customerEmail', () => ({ customerEmail: uniqueEmail() }), 400, 'Invalid body: Send exactly one of customerId and customerEmail'],
  ])('%s', async (_, extra, status, error) => {
    const res = await checkout({ customerId: customer.id, priceId: monthly.id, ...(await extra()) });
    expect(res).toMatchObject({ status, body: { error } });
  });

  it.each([
    ['of a sibling project', () => ({ ...world, project: world.siblingProject })],
    ['of another team', () => ({ owner: world.otherOwner, team: world.otherTeam, project: world.otherProject })],
  ])('refuses a price %s with 404', async (_, ref) => {
    const foreign = await createPriceRow(ref());
    expect(await checkout({ customerId: customer.id, priceId: foreign.id })).toMatchObject({ status: 404, body: { error: 'Price not found', code: 'price_not_found' } });
  });

  it('refuses an inactive price with 400, before creating any customer', async () => {
    const price = await createPriceRow(world);
    const archived = await call(priceRoute.PATCH, projectPath(world, `/prices/${price.id}`), {
      method: 'PATCH',
      params: projectParams(world, { priceId: price.id }),
      body: { active: false },
      headers: world.owner.headers,
    });
    expect(archived.status).toBe(200);
    const email = uniqueEmail('inactive');
    expect(await checkout({ customerEmail: email, priceId: price.id })).toMatchObject({ status: 400, body: { error: 'Price is not active', code: 'bad_request' } });
    expect((await customersWithEmail(email)).total).toBe(0);
  });

  it.each([
    [{ priceId: 'x' }, 'Invalid body: Send exactly one of customerId and customerEmail'],
    [{ customerEmail: 'not-an-email', priceId: 'x' }, 'Invalid body field "customerEmail": Invalid email address'],
    [{ customerId: 'pc_x', priceId: 'x', successUrl: '/welcome' }, 'Invalid body field "successUrl": must be an absolute http(s) URL'],
    [{ customerId: 'pc_x', priceId: 'x', cancelUrl: 'javascript:alert(1)' }, 'Invalid body field "cancelUrl": must be an absolute http(s) URL'],
    [{ customerId: 'pc_x', priceId: 'x', successUrl: 'ftp://files.example.com/' }, 'Invalid body field "successUrl": must be an absolute http(s) URL'],
    [{ customerId: 'pc_x', priceId: 'x', trialDays: 0 }, 'Invalid body field "trialDays": Too small: expected number to be >=1'],
    [{ customerId: 'pc_x', priceId: 'x', trialDays: 731 }, 'Invalid body field "trialDays": Too big: expected number to be <=730'],
    [{ customerId: 'pc_x', priceId: 'x', quantity: 0 }, 'Invalid body field "quantity": Too small: expected number to be >=1'],
    [{ customerId: 'pc_x', priceId: 'x', referralCode: 'r'.repeat(65) }, 'Invalid body field "referralCode": Too big: expected string to have <=64 characters'],
    [{ customerId: 'pc_x', priceId: 'x', metadata: { billstack_customer_id: 'pc_forged' } }, 'Invalid body field "metadata": Keys starting with billstack_ are reserved'],
    [{ customerId: 'pc_x', priceId: 'x', coupon: 'FREE' }, 'Unknown field "coupon" in body'],
  ])('refuses %j with 400', async (body, error) => {
    expect(await checkout(body)).toMatchObject({ status: 400, body: { error } });
  });

  it('refuses a trial on a one-time price', async () => {
    const oneTime = await createPriceRow(world, { interval: undefined });
    expect(await checkout({ customerId: customer.id, priceId: oneTime.id, trialDays: 7 })).toMatchObject({
      status: 400,
      body: { error: 'trialDays applies only to a recurring price', code: 'bad_request' },
    });
  });
});

describe('Stripe failures', () => {
  it('passes Stripe\'s refusal of the session on as a 400 with Stripe\'s reason, and keeps the customer it created', async () => {
    const price = await createPriceRow(world);
    // Archived in Stripe alone (this file has no webhook delivery): BillStack still thinks it active.
    await stripe.prices.update(price.stripePriceId, { active: false });
    const email = uniqueEmail('refused');
    const res = await checkout({ customerEmail: email, priceId: price.id });
    expect(res).toEqual({
      status: 400,
      body: { error: 'The price specified is inactive. This field only accepts active prices.', code: 'stripe_invalid_request', source: 'stripe' },
      headers: expect.anything(),
    });
    const { customers, total } = await customersWithEmail(email);
    expect(total).toBe(1);
    expect(await sessionsOf(customers[0].stripeCustomerId)).toEqual([]);
    // The retry reuses the customer kept from the failed attempt.
    await stripe.prices.update(price.stripePriceId, { active: true });
    expect((await checkout({ customerEmail: email, priceId: price.id })).status).toBe(201);
    expect((await customersWithEmail(email)).total).toBe(1);
    expect(await sessionsOf(customers[0].stripeCustomerId)).toHaveLength(1);
  });

  it.each([500, 429] as const)('answers 502 when Stripe fails with %i, opening no session', async (status) => {
    const payer = await createCustomerRow(world);
    emulator().injectFaults(secretKey, { count: 1, status });
    const res = await checkout({ customerId: payer.id, priceId: monthly.id });
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ error: expect.any(String), code: 'stripe_error' });
    expect(await sessionsOf(payer.stripeCustomerId)).toEqual([]);
  });

  it('stores no customer when Stripe fails before the customer exists', async () => {
    const email = uniqueEmail('down');
    emulator().injectFaults(secretKey, { count: 1, status: 500 });
    expect((await checkout({ customerEmail: email, priceId: monthly.id })).status).toBe(502);
    expect((await customersWithEmail(email)).total).toBe(0);
  });
});

describe('idempotent retries', () => {
  it('the same Idempotency-Key replays the first session', async () => {
    const payer = await createCustomerRow(world);
    const key = { 'idempotency-key': `checkout-${payer.id}` };
    const first = await checkout({ customerId: payer.id, priceId: monthly.id }, key);
    const second = await checkout({ customerId: payer.id, priceId: monthly.id }, key);
    expect(first.status).toBe(201);
    expect(second).toMatchObject({ status: 201, body: first.body });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await sessionsOf(payer.stripeCustomerId)).toHaveLength(1);
  });

  it('passes the key on to Stripe, so a retry BillStack no longer remembers still gets the same session and customer', async () => {
    const email = uniqueEmail('forgotten');
    const key = `forgotten-${email}`;
    const first = await checkout({ customerEmail: email, priceId: monthly.id }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const db = await getDb();
    await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.projectId, world.project.id), eq(idempotencyKeys.key, key)));
    const retry = await checkout({ customerEmail: email, priceId: monthly.id }, { 'idempotency-key': key });
    expect(retry).toMatchObject({ status: 201, body: first.body });
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect((await customersWithEmail(email)).total).toBe(1);
  });
});
