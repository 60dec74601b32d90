import { z } from 'zod';
import {
  applyReferralBody,
  createReferralCodeBody,
  listReferralCodesQuery,
  listReferralsQuery,
  putReferralConfigBody,
  referralStatsQuery,
  referralStatuses,
} from '@/lib/referrals/schemas';
import { endpoint, page, timestamp } from '../endpoint';
import { projectPath } from './projects';

const referrals = `${projectPath}/referrals`;
const perCurrency = z.record(z.string(), z.number().int()).meta({ description: 'Minor units by currency.' });

const discount = {
  value: z.number(),
  currency: z.string().optional(),
};
const configResponse = z
  .strictObject({
    enabled: z.boolean(),
    refereeDiscount: z
      .strictObject({ type: z.enum(['percent', 'amount']), ...discount, durationMonths: z.number().int() })
      .nullable(),
    referrerReward: z
      .strictObject({ type: z.enum(['percent', 'amount', 'credit']), ...discount, durationMonths: z.number().int().optional() })
      .nullable(),
    rewardAfter: z.enum(['signup', 'first_payment']),
    attributionDays: z.number().int(),
    holdDays: z.number().int(),
    maxRedemptionsPerCode: z.number().int().nullable(),
    codeExpiresInDays: z.number().int().nullable(),
    updatedAt: timestamp.nullable().meta({ description: 'null while the project never configured referrals' }),
  })
  .meta({ id: 'ReferralConfig' });
const codeResponse = z
  .strictObject({
    id: z.string(),
    code: z.string(),
    customerId: z.string(),
    active: z.boolean(),
    redemptions: z.number().int(),
    maxRedemptions: z.number().int().nullable(),
    expiresAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'ReferralCode' });
const referralResponse = z
  .strictObject({
    id: z.string(),
    code: z.string(),
    referrerCustomerId: z.string(),
    refereeCustomerId: z.string(),
    status: z.enum(referralStatuses),
    createdAt: timestamp,
    qualifiedAt: timestamp.nullable(),
    rewardedAt: timestamp.nullable(),
    voidedAt: timestamp.nullable(),
    voidReason: z.string().nullable(),
  })
  .meta({ id: 'Referral' });

export const referralsApi = {
  getConfig: endpoint({
    method: 'GET',
    path: `${referrals}/config`,
    auth: 'project',
    scope: 'referrals:read',
    tag: 'Referrals',
    summary: "Get the project's referral program",
    response: { status: 200, schema: z.strictObject({ referralConfig: configResponse }) },
  }),
  putConfig: endpoint({
    method: 'PUT',
    path: `${referrals}/config`,
    auth: 'project',
    scope: 'referrals:write',
    tag: 'Referrals',
    summary: "Replace the project's referral program",
    body: putReferralConfigBody,
    response: { status: 200, schema: z.strictObject({ referralConfig: configResponse }) },
  }),
  listCodes: endpoint({
    method: 'GET',
    path: `${referrals}/codes`,
    auth: 'project',
    scope: 'referrals:read',
    tag: 'Referrals',
    summary: 'List referral codes',
    query: listReferralCodesQuery,
    response: { status: 200, schema: page('referralCodes', codeResponse) },
  }),
  createCode: endpoint({
    method: 'POST',
    path: `${referrals}/codes`,
    auth: 'project',
    scope: 'referrals:write',
    tag: 'Referrals',
    summary: 'Create a referral code for a customer',
    body: createReferralCodeBody,
    response: { status: 201, schema: z.strictObject({ referralCode: codeResponse }) },
    errors: [409],
  }),
  getCode: endpoint({
    method: 'GET',
    path: `${referrals}/codes/{code}`,
    auth: 'project',
    scope: 'referrals:read',
    tag: 'Referrals',
    summary: 'Get a referral code',
    response: { status: 200, schema: z.strictObject({ referralCode: codeResponse }) },
  }),
  deactivateCode: endpoint({
    method: 'DELETE',
    path: `${referrals}/codes/{code}`,
    auth: 'project',
    scope: 'referrals:write',
    tag: 'Referrals',
    summary: 'Deactivate a referral code',
    response: { status: 200, schema: z.strictObject({ referralCode: codeResponse }) },
  }),
  apply: endpoint({
    method: 'POST',
    path: `${referrals}/apply`,
    auth: 'project',
    scope: 'referrals:write',
    tag: 'Referrals',
    summary: 'Apply a referral code to a new customer',
    body: applyReferralBody,
    bodyExample: { code: 'JANE-2026', customerId: 'pc_e5f6g7h8' },
    response: { status: 201, schema: z.strictObject({ referral: referralResponse }) },
    errors: [409, 502],
  }),
  list: endpoint({
    method: 'GET',
    path: referrals,
    auth: 'project',
    scope: 'referrals:read',
    tag: 'Referrals',
    summary: 'List referrals',
    query: listReferralsQuery,
    response: { status: 200, schema: page('referrals', referralResponse) },
  }),
  get: endpoint({
    method: 'GET',
    path: `${referrals}/{referralId}`,
    auth: 'project',
    scope: 'referrals:read',
    tag: 'Referrals',
    summary: 'Get a referral',
    response: { status: 200, schema: z.strictObject({ referral: referralResponse }) },
  }),
  stats: endpoint({
    method: 'GET',
    path: `${referrals}/stats`,
    auth: 'project',
    scope: 'referrals:read',
    tag: 'Referrals',
    summary: 'Referral program statistics',
    query: referralStatsQuery,
    response: {
      status: 200,
      schema: z.strictObject({
        referrals: z.strictObject({
          codes: z.number().int(),
          referrals: z.number().int(),
          qualified: z.number().int(),
          rewarded: z.number().int(),
          void: z.number().int(),
          conversionRate: z.number(),
          referredMrr: perCurrency,
          rewardsCost: perCurrency,
        }),
      }),
    },
  }),
};
