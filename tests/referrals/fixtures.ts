import * as applyRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/apply/route';
import * as codesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/codes/route';
import * as configRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/config/route';
import { call } from '../helpers/http';
import { projectParams, projectPath } from '../helpers/catalog';
import type { TestUser } from '../helpers/fixtures';

interface ProjectRef {
  owner: TestUser;
  team: { id: string };
  project: { id: string };
}

/** The example configuration: 20% off for 3 months for the referee, a $10 credit for the referrer. */
export const exampleConfig = {
  enabled: true,
  refereeDiscount: { type: 'percent', value: 20, durationMonths: 3 },
  referrerReward: { type: 'credit', value: 1000, currency: 'usd' },
  rewardAfter: 'first_payment',
  attributionDays: 60,
  holdDays: 30,
};

export async function configureReferrals(ref: ProjectRef, overrides: Record<string, unknown> = {}) {
  const res = await call(configRoute.PUT, projectPath(ref, '/referrals/config'), {
    method: 'PUT',
    params: projectParams(ref),
    body: { ...exampleConfig, ...overrides },
    headers: ref.owner.headers,
  });
  if (res.status !== 200) throw new Error(`referral config failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.referralConfig;
}

export async function createReferralCode(ref: ProjectRef, body: { customerId: string; code?: string }) {
  const res = await call(codesRoute.POST, projectPath(ref, '/referrals/codes'), {
    method: 'POST',
    params: projectParams(ref),
    body,
    headers: ref.owner.headers,
  });
  if (res.status !== 201) throw new Error(`referral code creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.referralCode as { id: string; code: string; customerId: string };
}

export function applyReferral(ref: ProjectRef, body: { code: string; customerId: string }) {
  return call(applyRoute.POST, projectPath(ref, '/referrals/apply'), {
    method: 'POST',
    params: projectParams(ref),
    body,
    headers: ref.owner.headers,
  });
}
