// The customer portal's referral panel data: the customer's own code (made on first view), a share link,
// the customers they brought in (masked) and the rewards they earned.
import { beforeAll, describe, expect, it } from 'vitest';
import * as portalReferralsRoute from '@/app/api/billstack/portal/[token]/referrals/route';
import { call } from '../helpers/http';
import { createCustomerRow, projectParams, projectPath } from '../helpers/catalog';
import { createProject, uniqueEmail } from '../helpers/fixtures';
import { useStripeEmulator } from '../helpers/stripe';
import { buildWorld, type World } from '../helpers/world';
import { issuePortal } from '../portal/fixtures';
import * as codesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/codes/route';
import { applyReferral, configureReferrals } from './fixtures';

useStripeEmulator();
let world: World;

beforeAll(async () => {
  world = await buildWorld();
});

const programOf = async (token: string) =>
  call(portalReferralsRoute.GET, `/api/billstack/portal/${token}/referrals`, { params: { token } });

describe('the portal referral program', () => {
  it('is null while referrals are off', async () => {
    const project = await createProject(world.owner, world.team.id, 'Off');
    const ref = { owner: world.owner, team: world.team, project };
    const customer = await createCustomerRow(ref);
    const { token } = await issuePortal(ref, { customerId: customer.id });
    expect(await programOf(token)).toMatchObject({ status: 200, body: { referralProgram: null } });
  });

  it('makes the customer a code on first view, keeps it, and shows who they brought in and what they earned', async () => {
    const project = await createProject(world.owner, world.team.id, 'On');
    const ref = { owner: world.owner, team: world.team, project };
    await configureReferrals(ref, { rewardAfter: 'signup', referrerReward: { type: 'credit', value: 750, currency: 'usd' } });
    const referrer = await createCustomerRow(ref);
    const { token } = await issuePortal(ref, { customerId: referrer.id, returnUrl: 'https://app.example.com/account' });
    const first = await programOf(token);
    expect(first.status).toBe(200);
    const { code } = first.body.referralProgram;
    expect(first.body.referralProgram).toEqual({
      code: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/),
      shareUrl: `https://app.example.com/?ref=${code}`,
      referrals: [],
      rewards: { count: 0, credits: {}, coupons: 0 },
    });
    expect((await programOf(token)).body.referralProgram.code).toBe(code);
    const codes = await call(codesRoute.GET, projectPath(ref, '/referrals/codes'), { params: projectParams(ref), query: { customerId: referrer.id }, headers: ref.owner.headers });
    expect(codes.body.total).toBe(1);

    const referee = await createCustomerRow(ref, { email: uniqueEmail('friend').replace(/^[^@]+/, 'jordan') });
    const applied = await applyReferral(ref, { code, customerId: referee.id });
    expect(applied.body.referral.status).toBe('rewarded');
    const after = await programOf(token);
    expect(after.body.referralProgram).toMatchObject({
      referrals: [{ id: applied.body.referral.id, referee: `j•••••@${referee.email.split('@')[1]}`, status: 'rewarded', createdAt: applied.body.referral.createdAt }],
      rewards: { count: 1, credits: { usd: 750 }, coupons: 0 },
    });
  });

  it('a bad token is refused', async () => {
    expect(await programOf('ptok_nope')).toMatchObject({ status: 401, body: { error: 'Invalid portal token', code: 'invalid_portal_token' } });
  });
});
