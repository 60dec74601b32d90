// The referrals API's rules: configuration, codes and applying a code, with the referee's discount and a
// signup reward checked in the emulated Stripe account.
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import * as referralRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/[referralId]/route';
import * as codeRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/codes/[code]/route';
import * as codesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/codes/route';
import * as configRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/config/route';
import * as referralsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/route';
import { getDb } from '@/db/client';
import { customers, referralCodes } from '@/db/schema';
import { call } from '../helpers/http';
import { createCustomerRow, projectParams, projectPath } from '../helpers/catalog';
import { createProject } from '../helpers/fixtures';
import { useStripeEmulator } from '../helpers/stripe';
import { buildWorld, type World } from '../helpers/world';
import { createSubscriptionRow } from '../subscriptions/fixtures';
import { applyReferral, configureReferrals, createReferralCode, exampleConfig } from './fixtures';

useStripeEmulator();
let world: World;
let stripe: Stripe;

beforeAll(async () => {
  world = await buildWorld();
  ({ stripe } = world.stripeAccount!);
});

/** A fresh project of team A, so each rule starts from its own configuration. */
async function freshProject(config: Record<string, unknown> | null = {}) {
  const project = await createProject(world.owner, world.team.id, 'Referrals');
  const ref = { owner: world.owner, team: world.team, project };
  if (config) await configureReferrals(ref, config);
  return ref;
}
type Ref = Awaited<ReturnType<typeof freshProject>>;

const putConfig = (ref: Ref, body: unknown) =>
  call(configRoute.PUT, projectPath(ref, '/referrals/config'), { method: 'PUT', params: projectParams(ref), body, headers: ref.owner.headers });
const postCode = (ref: Ref, body: unknown) =>
  call(codesRoute.POST, projectPath(ref, '/referrals/codes'), { method: 'POST', params: projectParams(ref), body, headers: ref.owner.headers });
const getCode = (ref: Ref, code: string) =>
  call(codeRoute.GET, projectPath(ref, `/referrals/codes/${code}`), { params: projectParams(ref, { code }), headers: ref.owner.headers });

/** A referrer with a code and a fresh referee. */
async function referrerAndReferee(ref: Ref, code?: string) {
  const referrer = await createCustomerRow(ref);
  const referee = await createCustomerRow(ref);
  const referralCode = await createReferralCode(ref, { customerId: referrer.id, ...(code ? { code } : {}) });
  return { referrer, referee, code: referralCode };
}

describe('configuration', () => {
  it('is disabled with the defaults until configured, then answers what was stored', async () => {
    const ref = await freshProject(null);
    const before = await call(configRoute.GET, projectPath(ref, '/referrals/config'), { params: projectParams(ref), headers: ref.owner.headers });
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      referralConfig: {
        enabled: false,
        refereeDiscount: null,
        referrerReward: null,
        rewardAfter: 'first_payment',
        attributionDays: 60,
        holdDays: 30,
        maxRedemptionsPerCode: null,
        codeExpiresInDays: null,
        updatedAt: null,
      },
    });
    const body = { ...exampleConfig, referrerReward: { type: 'amount', value: 500, currency: 'eur', durationMonths: 2 }, maxRedemptionsPerCode: 5, codeExpiresInDays: 90 };
    const put = await putConfig(ref, body);
    expect(put.status).toBe(200);
    const { updatedAt, ...stored } = put.body.referralConfig;
    expect(stored).toEqual(body);
    expect(new Date(updatedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const after = await call(configRoute.GET, projectPath(ref, '/referrals/config'), { params: projectParams(ref), headers: ref.owner.headers });
    expect(after.body).toEqual(put.body);
  });

  it('takes the issue\'s defaults for the windows left out, and a coupon reward without months for the next invoice', async () => {
    const ref = await freshProject(null);
    const { attributionDays: _a, holdDays: _h, ...rest } = exampleConfig;
    const res = await putConfig(ref, { ...rest, referrerReward: { type: 'percent', value: 10 } });
    expect(res.status).toBe(200);
    expect(res.body.referralConfig).toMatchObject({ attributionDays: 60, holdDays: 30, referrerReward: { type: 'percent', value: 10 } });
  });

  it.each([
    [{ refereeDiscount: { type: 'percent', value: 120, durationMonths: 3 } }, 'Invalid body field "refereeDiscount.value": A percent cannot be over 100'],
    [{ refereeDiscount: { type: 'amount', value: 500, durationMonths: 3 } }, 'Invalid body field "refereeDiscount.currency": An amount needs a currency'],
    [{ referrerReward: { type: 'credit', value: 1000 } }, 'Invalid body field "referrerReward.currency": A credit needs a currency'],
    [{ referrerReward: { type: 'credit', value: 0, currency: 'usd' } }, 'Invalid body field "referrerReward.value": Must be greater than 0'],
    [{ refereeDiscount: { type: 'percent', value: -5, durationMonths: 3 } }, 'Invalid body field "refereeDiscount.value": Must be greater than 0'],
    [{ referrerReward: { type: 'percent', value: 10, currency: 'usd', durationMonths: 1 } }, 'Invalid body field "referrerReward.currency": A percent takes no currency'],
    [{ referrerReward: { type: 'amount', value: 10.5, currency: 'usd', durationMonths: 1 } }, 'Invalid body field "referrerReward.value": An amount is an integer in minor units'],
    [{ referrerReward: { type: 'credit', value: 10, currency: 'usd', durationMonths: 2 } }, 'Invalid body field "referrerReward.durationMonths": A credit has no duration'],
    [{ attributionDays: 0 }, 'Invalid body field "attributionDays": Too small: expected number to be >=1'],
    [{ holdDays: -1 }, 'Invalid body field "holdDays": Too small: expected number to be >=0'],
    [{ rewardAfter: 'never' }, 'Invalid body field "rewardAfter": Invalid option: expected one of "signup"|"first_payment"'],
    [{ bonus: true }, 'Unknown field "bonus" in body'],
  ])('refuses %j with 400 naming the field', async (override, error) => {
    const ref = world;
    const res = await putConfig(ref, { ...exampleConfig, ...override });
    expect(res).toMatchObject({ status: 400, body: { error } });
  });
});

describe('codes', () => {
  it('creates a custom code, refuses it again in any case with 409, finds it in any case and deactivates it', async () => {
    const ref = await freshProject({ maxRedemptionsPerCode: 3, codeExpiresInDays: 10 });
    const customer = await createCustomerRow(ref);
    const created = await postCode(ref, { customerId: customer.id, code: 'Friend-2026' });
    expect(created.status).toBe(201);
    const { id, createdAt, expiresAt, ...rest } = created.body.referralCode;
    expect(id).toMatch(/^rc_[0-9a-zA-Z]{20}$/);
    expect(rest).toEqual({ code: 'Friend-2026', customerId: customer.id, active: true, redemptions: 0, maxRedemptions: 3 });
    expect(new Date(expiresAt).getTime() - new Date(createdAt).getTime()).toBe(10 * 86_400_000);

    const other = await createCustomerRow(ref);
    expect(await postCode(ref, { customerId: other.id, code: 'FRIEND-2026' })).toMatchObject({
      status: 409,
      body: { error: 'Referral code FRIEND-2026 already exists in this project', code: 'referral_code_taken' },
    });
    expect(await getCode(ref, 'friend-2026')).toMatchObject({ status: 200, body: { referralCode: created.body.referralCode } });

    const deleted = await call(codeRoute.DELETE, projectPath(ref, '/referrals/codes/FRIEND-2026'), {
      method: 'DELETE',
      params: projectParams(ref, { code: 'FRIEND-2026' }),
      headers: ref.owner.headers,
    });
    expect(deleted).toMatchObject({ status: 200, body: { referralCode: { ...created.body.referralCode, active: false } } });
    expect(await getCode(ref, 'nope-404')).toMatchObject({ status: 404, body: { error: 'Referral code not found', code: 'referral_code_not_found' } });
  });

  it('the same code may exist in another project', async () => {
    const a = await freshProject();
    const b = await freshProject();
    await createReferralCode(a, { customerId: (await createCustomerRow(a)).id, code: 'SHARED' });
    expect((await postCode(b, { customerId: (await createCustomerRow(b)).id, code: 'shared' })).status).toBe(201);
  });

  it.each([['ab'], ['a'.repeat(33)], ['no spaces'], ['ünïcode']])('refuses the custom code %j with 400', async (code) => {
    const customer = await createCustomerRow(world);
    expect(await postCode(world, { customerId: customer.id, code })).toMatchObject({
      status: 400,
      body: { error: 'Invalid body field "code": A code is 3 to 32 letters, digits or dashes', code: 'validation_error', field: 'code' },
    });
  });

  it('draws readable random codes without ambiguous characters, and lists them by customer', async () => {
    const ref = await freshProject();
    const customer = await createCustomerRow(ref);
    const codes = [];
    for (let i = 0; i < 12; i++) codes.push((await postCode(ref, { customerId: customer.id })).body.referralCode.code as string);
    for (const code of codes) expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}$/);
    expect(new Set(codes).size).toBe(12);
    await createReferralCode(ref, { customerId: (await createCustomerRow(ref)).id });
    const page = await call(codesRoute.GET, projectPath(ref, '/referrals/codes'), {
      params: projectParams(ref),
      query: { customerId: customer.id, limit: 5, offset: 10 },
      headers: ref.owner.headers,
    });
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(12);
    expect(page.body.referralCodes.map((c: { code: string }) => c.code)).toEqual(codes.slice(0, 2).reverse());
  });

  it('a code for another project\'s customer is not found', async () => {
    const other = await createCustomerRow({ owner: world.owner, team: world.team, project: world.siblingProject });
    expect(await postCode(world, { customerId: other.id })).toMatchObject({ status: 404, body: { error: 'Customer not found', code: 'customer_not_found' } });
  });
});

describe('applying a code', () => {
  it('records a pending referral and puts the referee discount on the referee\'s subscription in Stripe', async () => {
    const ref = await freshProject();
    const referrer = await createCustomerRow(ref);
    const { customer: referee, subscription } = await createSubscriptionRow(ref);
    const code = await createReferralCode(ref, { customerId: referrer.id, code: 'WELCOME' });
    const res = await applyReferral(ref, { code: 'welcome', customerId: referee.id });
    expect(res.status).toBe(201);
    const { id, createdAt, ...rest } = res.body.referral;
    expect(id).toMatch(/^ref_[0-9a-zA-Z]{20}$/);
    expect(createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(rest).toEqual({
      code: 'WELCOME',
      referrerCustomerId: referrer.id,
      refereeCustomerId: referee.id,
      status: 'pending',
      qualifiedAt: null,
      rewardedAt: null,
      voidedAt: null,
      voidReason: null,
    });
    const inStripe = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId, { expand: ['discounts'] });
    const [discount] = inStripe.discounts as Stripe.Discount[];
    const coupon = await stripe.coupons.retrieve(discount.source.coupon as string);
    expect(inStripe.discounts).toHaveLength(1);
    expect(coupon).toMatchObject({ percent_off: 20, duration: 'repeating', duration_in_months: 3, name: 'Referral WELCOME', metadata: { billstack_referral_id: id } });
    expect((await getCode(ref, 'WELCOME')).body.referralCode).toMatchObject({ id: code.id, redemptions: 1 });
    const one = await call(referralRoute.GET, projectPath(ref, `/referrals/${id}`), { params: projectParams(ref, { referralId: id }), headers: ref.owner.headers });
    expect(one).toMatchObject({ status: 200, body: res.body });
    expect(
      await call(referralRoute.GET, projectPath(world, `/referrals/${id}`), { params: projectParams(world, { referralId: id }), headers: ref.owner.headers }),
    ).toMatchObject({ status: 404, body: { error: 'Referral not found', code: 'referral_not_found' } });
  });

  it('on signup the referrer\'s credit is granted at once, on the Stripe customer balance', async () => {
    const ref = await freshProject({ rewardAfter: 'signup' });
    const { referrer, referee, code } = await referrerAndReferee(ref);
    const res = await applyReferral(ref, { code: code.code, customerId: referee.id });
    expect(res.body.referral).toMatchObject({ status: 'rewarded' });
    expect(res.body.referral.qualifiedAt).not.toBeNull();
    expect(res.body.referral.rewardedAt).not.toBeNull();
    const balance = await stripe.customers.listBalanceTransactions(referrer.stripeCustomerId);
    expect(balance.data.map((t) => ({ amount: t.amount, currency: t.currency, type: t.type }))).toEqual([{ amount: -1000, currency: 'usd', type: 'adjustment' }]);
    expect(((await stripe.customers.retrieve(referrer.stripeCustomerId)) as Stripe.Customer).balance).toBe(-1000);
  });

  it('refuses a self-referral, a second referral, an unknown code and a disabled project with clear 400s', async () => {
    const ref = await freshProject();
    const { referrer, referee, code } = await referrerAndReferee(ref);
    expect(await applyReferral(ref, { code: code.code, customerId: referrer.id })).toMatchObject({
      status: 400,
      body: { error: 'A customer cannot use their own referral code', code: 'referral_not_allowed' },
    });
    expect((await applyReferral(ref, { code: code.code, customerId: referee.id })).status).toBe(201);
    const second = await createReferralCode(ref, { customerId: (await createCustomerRow(ref)).id });
    expect(await applyReferral(ref, { code: second.code, customerId: referee.id })).toMatchObject({
      status: 400,
      body: { error: 'Customer has already been referred', code: 'referral_not_allowed' },
    });
    expect(await applyReferral(ref, { code: 'NO-SUCH', customerId: (await createCustomerRow(ref)).id })).toMatchObject({
      status: 400,
      body: { error: 'Referral code NO-SUCH does not exist', code: 'referral_code_invalid' },
    });
    await configureReferrals(ref, { enabled: false });
    expect(await applyReferral(ref, { code: second.code, customerId: (await createCustomerRow(ref)).id })).toMatchObject({
      status: 400,
      body: { error: 'Referrals are disabled for this project', code: 'referral_not_allowed' },
    });
  });

  it('refuses an inactive, an expired and an exhausted code', async () => {
    const ref = await freshProject({ maxRedemptionsPerCode: 1 });
    const { referee, code } = await referrerAndReferee(ref, 'ONCE-ONLY');
    expect((await applyReferral(ref, { code: code.code, customerId: referee.id })).status).toBe(201);
    expect(await applyReferral(ref, { code: code.code, customerId: (await createCustomerRow(ref)).id })).toMatchObject({
      status: 400,
      body: { error: 'Referral code ONCE-ONLY has reached its maximum number of redemptions', code: 'referral_code_invalid' },
    });

    const inactive = await referrerAndReferee(ref, 'RETIRED');
    await call(codeRoute.DELETE, projectPath(ref, '/referrals/codes/RETIRED'), { method: 'DELETE', params: projectParams(ref, { code: 'RETIRED' }), headers: ref.owner.headers });
    expect(await applyReferral(ref, { code: 'RETIRED', customerId: inactive.referee.id })).toMatchObject({
      status: 400,
      body: { error: 'Referral code RETIRED is inactive', code: 'referral_code_invalid' },
    });

    const expired = await referrerAndReferee(ref, 'OLD-CODE');
    // Codes cannot be created already expired: the test moves this one's expiry into the past.
    const db = await getDb();
    await db.update(referralCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(referralCodes.id, expired.code.id));
    expect(await applyReferral(ref, { code: 'OLD-CODE', customerId: expired.referee.id })).toMatchObject({
      status: 400,
      body: { error: 'Referral code OLD-CODE has expired', code: 'referral_code_invalid' },
    });
  });

  it('refuses a referee who signed up before the attribution window', async () => {
    const ref = await freshProject({ attributionDays: 60 });
    const { referee, code } = await referrerAndReferee(ref);
    // A customer signed up 61 days ago (Stripe's `created`, which BillStack keeps).
    const db = await getDb();
    await db.update(customers).set({ stripeCreatedAt: new Date(Date.now() - 61 * 86_400_000) }).where(eq(customers.id, referee.id));
    expect(await applyReferral(ref, { code: code.code, customerId: referee.id })).toMatchObject({
      status: 400,
      body: { error: 'Customer signed up more than 60 days ago, outside the attribution window', code: 'referral_not_allowed' },
    });
    await db.update(customers).set({ stripeCreatedAt: new Date(Date.now() - 59 * 86_400_000) }).where(eq(customers.id, referee.id));
    expect((await applyReferral(ref, { code: code.code, customerId: referee.id })).status).toBe(201);
  });

  it('concurrent applies for one referee make one referral, one redemption and one coupon', async () => {
    const ref = await freshProject();
    const { referee, code } = await referrerAndReferee(ref);
    const others = [await createReferralCode(ref, { customerId: (await createCustomerRow(ref)).id }), code];
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => applyReferral(ref, { code: others[i % 2].code, customerId: referee.id })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400, 400, 400, 400]);
    for (const refused of results.filter((r) => r.status === 400)) expect(refused.body).toEqual({ error: 'Customer has already been referred', code: 'referral_not_allowed' });
    const list = await call(referralsRoute.GET, projectPath(ref, '/referrals'), { params: projectParams(ref), headers: ref.owner.headers });
    expect(list.body.total).toBe(1);
    const redemptions = await Promise.all(others.map(async (c) => (await getCode(ref, c.code)).body.referralCode.redemptions));
    expect(redemptions.reduce((a, b) => a + b, 0)).toBe(1);
    const coupons = await stripe.coupons.list({ limit: 100 });
    expect(coupons.data.filter((c) => c.metadata?.billstack_referral_id === list.body.referrals[0].id)).toHaveLength(1);
  });

  it('lists referrals by status, referrer and referee, newest first, with the total', async () => {
    const ref = await freshProject();
    const { referrer, referee, code } = await referrerAndReferee(ref);
    const second = await createCustomerRow(ref);
    const a = (await applyReferral(ref, { code: code.code, customerId: referee.id })).body.referral;
    const b = (await applyReferral(ref, { code: code.code, customerId: second.id })).body.referral;
    const other = await referrerAndReferee(ref);
    await applyReferral(ref, { code: other.code.code, customerId: other.referee.id });
    const list = (query: Record<string, string | number>) =>
      call(referralsRoute.GET, projectPath(ref, '/referrals'), { params: projectParams(ref), query, headers: ref.owner.headers });
    expect((await list({ referrerCustomerId: referrer.id })).body).toEqual({ referrals: [b, a], total: 2 });
    expect((await list({ referrerCustomerId: referrer.id, limit: 1, offset: 1 })).body).toEqual({ referrals: [a], total: 2 });
    expect((await list({ refereeCustomerId: second.id })).body).toEqual({ referrals: [b], total: 1 });
    expect((await list({ refereeCustomerId: referrer.id })).body).toEqual({ referrals: [], total: 0 });
    expect((await list({ status: 'rewarded' })).body).toEqual({ referrals: [], total: 0 });
    expect((await list({ status: 'pending' })).body.total).toBe(3);
    expect(await list({ status: 'won' })).toMatchObject({ status: 400 });
  });
});
