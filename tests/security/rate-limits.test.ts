/**
 * Finding 6 (throttling): sign-in, sign-up, the portal and the Stripe intake could be hammered without limit,
 * a password guessed from many addresses, client addresses forged through X-Forwarded-For, and a portal token
 * could make BillStack call Stripe at will. Before the fix no request below was ever answered 429, clientIp did
 * not exist, and the repeated portal cancel failed with Stripe unreachable (proving it called Stripe).
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import type Stripe from 'stripe';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as authRoute from '@/app/api/auth/[...all]/route';
import * as portalRoute from '@/app/api/billstack/portal/[token]/route';
import * as webhookRoute from '@/app/api/billstack/webhooks/stripe/route';
import { getDb } from '@/db/client';
import { subscriptions } from '@/db/schema';
import { rateLimiter } from '@/lib/auth/rate-limit';
import { clientIp } from '@/lib/http/client-ip';
import { ApiError } from '@/lib/http/errors';
import { countFailedSignIn, refuseLockedAccount } from '@/lib/rate-limit/limits';
import { webhookUrl } from '@/lib/stripe/connection';
import { createCustomerRow, createPriceRow, createProductRow } from '../helpers/catalog';
import { signUp, uniqueEmail } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { givePayingCard, useStripeEmulator } from '../helpers/stripe';
import { useWebhookBridge } from '../helpers/webhook-bridge';
import { buildWorld, type World } from '../helpers/world';
import { issuePortal, portalApi } from '../portal/fixtures';

const emulator = useStripeEmulator();
useWebhookBridge();
let world: World;
let stripe: Stripe;

beforeAll(async () => {
  world = await buildWorld();
  stripe = world.stripeAccount!.stripe;
  // On the server suite: counts go to Redis from the start, not to the memory used while it connects.
  await rateLimiter().ready();
});

afterEach(() => {
  delete process.env.BILLSTACK_RATE_LIMITS;
  delete process.env.BILLSTACK_TRUSTED_PROXIES;
});

const withIp = (ip: string) => ({ 'x-forwarded-for': ip });

/**
 * A client address no other test file and no earlier run uses. In the server suite every test file counts in
 * one shared Redis, whose windows (up to an hour) outlive a run: a fixed address such as 198.51.100.20 would
 * share its count with them. Drawn from the IPv6 documentation prefix 2001:db8::/32, 32 random bits per run.
 */
const runTag = randomBytes(4).toString('hex');
let ipsTaken = 0;
const uniqueIp = () => `2001:db8:${runTag.slice(0, 4)}:${runTag.slice(4)}::${(++ipsTaken).toString(16)}`;

async function authPost(path: 'sign-in/email' | 'sign-up/email', body: Record<string, string>, headers: Record<string, string>) {
  const req = new Request(`http://localhost:3000/api/auth/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost:3000', ...headers },
    body: JSON.stringify(body),
  });
  const res = await authRoute.POST(req);
  return { status: res.status, retryAfter: res.headers.get('retry-after') };
}

describe('clientIp', () => {
  const ipOf = (forwardedFor?: string) => clientIp(new Request('http://localhost:3000/', { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }));

  it('takes the nearest hop only, unless the hops to its left passed through trusted proxies', () => {
    expect([ipOf(), ipOf('198.51.100.7'), ipOf('6.6.6.6, 198.51.100.7'), ipOf('not-an-ip')]).toEqual([
      'unknown',
      '198.51.100.7',
      '198.51.100.7',
      'unknown',
    ]);

    process.env.BILLSTACK_TRUSTED_PROXIES = '203.0.113.9, 203.0.113.10';

    expect([ipOf('6.6.6.6, 198.51.100.7, 203.0.113.10, 203.0.113.9'), ipOf('198.51.100.7, 203.0.113.9'), ipOf('203.0.113.9')]).toEqual([
      '198.51.100.7',
      '198.51.100.7',
      '203.0.113.9',
    ]);
  });
});

describe('sign-in and sign-up', () => {
  it('limits sign-in attempts per client IP, each IP on its own', async () => {
    process.env.BILLSTACK_RATE_LIMITS = 'signIn=3/60';
    const wrong = { email: uniqueEmail('nobody'), password: 'not-the-password-at-all' };

    const [one, another] = [uniqueIp(), uniqueIp()];

    const fromOne = [];
    for (let i = 0; i < 4; i++) fromOne.push(await authPost('sign-in/email', wrong, withIp(one)));
    const fromAnother = await authPost('sign-in/email', wrong, withIp(another));

    expect(fromOne.map((res) => res.status)).toEqual([401, 401, 401, 429]);
    expect(Number(fromOne[3].retryAfter)).toBeGreaterThanOrEqual(1);
    expect(fromAnother.status).toBe(401);
  });

  it('locks an account after 5 failed sign-ins from any addresses, even for the right password', async () => {
    const victim = await signUp();
    const attempts = [];
    for (let i = 0; i < 5; i++) {
      attempts.push(await authPost('sign-in/email', { email: victim.email, password: `guess-number-${i}-wrong` }, withIp(uniqueIp())));
    }
    const fresh = uniqueIp();
    const rightPassword = await authPost('sign-in/email', { email: victim.email, password: 'correct-horse-battery' }, withIp(fresh));
    const otherAccount = await signUp();
    const unaffected = await authPost('sign-in/email', { email: otherAccount.email, password: 'correct-horse-battery' }, withIp(fresh));

    expect(attempts.map((res) => res.status)).toEqual([401, 401, 401, 401, 401]);
    expect(rightPassword.status).toBe(429);
    expect(Number(rightPassword.retryAfter)).toBeGreaterThan(0);
    expect(Number(rightPassword.retryAfter)).toBeLessThanOrEqual(900);
    expect(unaffected.status).toBe(200);
  });

  it('doubles the lock with each failure after the fifth, up to the configured longest lock', async () => {
    process.env.BILLSTACK_RATE_LIMITS = 'signInFailures=5/100';
    const account = uniqueEmail('backoff');
    const start = Date.parse('2026-03-01T10:00:00Z');
    const retryAfterAt = async (at: number) => {
      try {
        await refuseLockedAccount(account, start + at * 1000);
        return 0;
      } catch (error) {
        return Number((error as ApiError).headers['Retry-After']);
      }
    };

    for (let i = 0; i < 4; i++) await countFailedSignIn(account, start);
    const beforeThreshold = await retryAfterAt(0);
    await countFailedSignIn(account, start);
    const fifth = [await retryAfterAt(0), await retryAfterAt(29), await retryAfterAt(30)];
    await countFailedSignIn(account, start + 30_000);
    const sixth = [await retryAfterAt(30), await retryAfterAt(89), await retryAfterAt(90)];
    await countFailedSignIn(account, start + 90_000);
    const seventh = [await retryAfterAt(90), await retryAfterAt(189), await retryAfterAt(190)];

    expect(beforeThreshold).toBe(0);
    expect(fifth).toEqual([30, 1, 0]);
    expect(sixth).toEqual([60, 1, 0]);
    expect(seventh).toEqual([100, 1, 0]);
  });

  it('answers a locked account 429 with the lock as Retry-After, and a successful sign-in starts the count again', async () => {
    const owner = await signUp();
    const guessers = Array.from({ length: 5 }, uniqueIp);
    const ownersIp = uniqueIp();
    const wrong = (i: number) => authPost('sign-in/email', { email: owner.email, password: `guess-number-${i}-wrong` }, withIp(guessers[i]));
    const right = () => authPost('sign-in/email', { email: owner.email, password: 'correct-horse-battery' }, withIp(ownersIp));

    const firstRun = [];
    for (let i = 0; i < 4; i++) firstRun.push((await wrong(i)).status);
    const success = await right();
    const secondRun = [];
    for (let i = 0; i < 5; i++) secondRun.push((await wrong(i)).status);
    const locked = await right();

    expect(firstRun).toEqual([401, 401, 401, 401]);
    expect(success.status).toBe(200);
    expect(secondRun).toEqual([401, 401, 401, 401, 401]);
    expect([locked.status, locked.retryAfter]).toEqual([429, '30']);
  });

  it('limits sign-ups per client IP', async () => {
    process.env.BILLSTACK_RATE_LIMITS = 'signUp=2/3600';
    const ip = uniqueIp();
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const email = uniqueEmail('signup');
      statuses.push((await authPost('sign-up/email', { email, password: 'correct-horse-battery', name: 'Someone' }, withIp(ip))).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('the Stripe intake', () => {
  it('refuses an address whose deliveries keep failing verification, and still counts honest ones apart', async () => {
    process.env.BILLSTACK_RATE_LIMITS = 'intakeFailures=3/60';
    const deliver = async (ip: string) => {
      const req = new NextRequest(webhookUrl('http://localhost:3000', world.team.id), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=forged', ...withIp(ip) },
        body: '{}',
      });
      return (await webhookRoute.POST(req, { params: Promise.resolve({}) })).status;
    };

    const [failing, honest] = [uniqueIp(), uniqueIp()];
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await deliver(failing));

    expect(statuses).toEqual([400, 400, 400, 429]);
    expect(await deliver(honest)).toBe(400);
  });
});

describe('the portal', () => {
  it('limits requests per client IP, before a token is even looked at', async () => {
    process.env.BILLSTACK_RATE_LIMITS = 'portal=2/60';
    const [scanner, neighbour] = [uniqueIp(), uniqueIp()];
    const get = (ip: string) =>
      call(portalRoute.GET, '/api/billstack/portal/not-a-token', { params: { token: 'not-a-token' }, headers: withIp(ip) });

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(scanner)).status);

    expect(statuses).toEqual([401, 401, 429]);
    expect((await get(neighbour)).status).toBe(401);
  });

  it('limits the writes of one token, whatever they target', async () => {
    // The per-IP portal limit is off here: portalApi sends no address, and the 'unknown' one is shared by the
    // server suite's test files; what is proved is the per-token limit on writes.
    process.env.BILLSTACK_RATE_LIMITS = 'portal=0/60,portalActions=2/60';
    const customer = await createCustomerRow(world, { name: 'Writer' });
    const { token } = await issuePortal(world, { customerId: customer.id, returnUrl: 'https://app.example.com/account' });

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await portalApi.cancel(token, 'ps_00000000000000000000')).status);
    const read = await portalApi.get(token);

    expect(statuses).toEqual([404, 404, 429]);
    expect(read.status).toBe(200);
  });

  it('answers a cancel or resume that changes nothing without calling Stripe', async () => {
    // Not about limits: keep the shared per-IP portal count (address 'unknown') out of it.
    process.env.BILLSTACK_RATE_LIMITS = 'portal=0/60';
    const product = await createProductRow(world, { name: 'Plan' });
    const price = await createPriceRow(world, { unitAmount: 900, currency: 'eur', interval: 'month' }, product.id);
    const customer = await createCustomerRow(world, { name: 'Idle' });
    await givePayingCard(stripe, customer.stripeCustomerId);
    const created = await stripe.subscriptions.create({ customer: customer.stripeCustomerId, items: [{ price: price.stripePriceId }] });
    await emulator().idle();
    const db = await getDb();
    const [row] = await db.select({ id: subscriptions.id }).from(subscriptions).where(eq(subscriptions.stripeSubscriptionId, created.id));
    const { token } = await issuePortal(world, { customerId: customer.id, returnUrl: 'https://app.example.com/account' });

    const liveResume = await withStripeUnreachable(() => portalApi.resume(token, row.id));
    const cancel = await portalApi.cancel(token, row.id);
    const repeatedCancel = await withStripeUnreachable(() => portalApi.cancel(token, row.id));

    expect([liveResume.status, liveResume.body.subscription.cancelAtPeriodEnd]).toEqual([200, false]);
    expect([cancel.status, cancel.body.subscription.cancelAtPeriodEnd]).toEqual([200, true]);
    expect([repeatedCancel.status, repeatedCancel.body.subscription.cancelAtPeriodEnd]).toEqual([200, true]);
  });
});

/** Points BillStack's Stripe client at a closed port: any Stripe call made meanwhile fails. */
async function withStripeUnreachable<T>(run: () => Promise<T>): Promise<T> {
  const base = process.env.STRIPE_API_BASE;
  process.env.STRIPE_API_BASE = 'http://127.0.0.1:9';
  try {
    return await run();
  } finally {
    process.env.STRIPE_API_BASE = base;
  }
}
