import { z } from 'zod';
import { reference } from '@/lib/http/schemas';
import { paginationQuery } from '@/lib/http/pagination';

const currency = z.string().regex(/^[a-z]{3}$/, 'Expected a lowercase ISO currency code such as "usd"');
const months = z.number().int().min(1).max(36);
const positive = z.number().positive('Must be greater than 0');

/** Rules every discount-like value shares: a percent is at most 100; an amount needs its currency and whole minor units. */
function checkValue(value: { type: string; value: number; currency?: string }, ctx: z.RefinementCtx) {
  if (value.type === 'percent') {
    if (value.value > 100) ctx.addIssue({ code: 'custom', path: ['value'], message: 'A percent cannot be over 100' });
    if (value.currency !== undefined) ctx.addIssue({ code: 'custom', path: ['currency'], message: 'A percent takes no currency' });
    return;
  }
  if (!Number.isInteger(value.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'An amount is an integer in minor units' });
  if (value.currency === undefined) ctx.addIssue({ code: 'custom', path: ['currency'], message: `${value.type === 'credit' ? 'A credit' : 'An amount'} needs a currency` });
}

const refereeDiscount = z
  .object({ type: z.enum(['percent', 'amount']), value: positive, currency: currency.optional(), durationMonths: months })
  .strict()
  .superRefine(checkValue);

const referrerReward = z
  .object({ type: z.enum(['percent', 'amount', 'credit']), value: positive, currency: currency.optional(), durationMonths: months.optional() })
  .strict()
  .superRefine((reward, ctx) => {
    checkValue(reward, ctx);
    // A coupon lasts `durationMonths` (the next invoice only without it); a credit is a one-off amount on the balance.
    if (reward.type === 'credit' && reward.durationMonths !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['durationMonths'], message: 'A credit has no duration' });
    }
  });

export const putReferralConfigBody = z
  .object({
    enabled: z.boolean(),
    refereeDiscount,
    referrerReward,
    rewardAfter: z.enum(['signup', 'first_payment']),
    attributionDays: z.number().int().min(1).max(3650).default(60),
    holdDays: z.number().int().min(0).max(365).default(30),
    maxRedemptionsPerCode: z.number().int().min(1).nullable().optional(),
    codeExpiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .strict();
export type PutReferralConfigBody = z.infer<typeof putReferralConfigBody>;

/** A code people type and share: 3–32 letters, digits or dashes. */
export const referralCodeText = z.string().regex(/^[A-Za-z0-9-]{3,32}$/, 'A code is 3 to 32 letters, digits or dashes');

export const createReferralCodeBody = z.object({ customerId: reference(), code: referralCodeText.optional() }).strict();
export type CreateReferralCodeBody = z.infer<typeof createReferralCodeBody>;

export const listReferralCodesQuery = paginationQuery.extend({
  customerId: reference().optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type ListReferralCodesQuery = z.infer<typeof listReferralCodesQuery>;

export const applyReferralBody = z.object({ code: reference(64).min(1), customerId: reference() }).strict();
export type ApplyReferralBody = z.infer<typeof applyReferralBody>;

export const referralStatuses = ['pending', 'qualified', 'rewarded', 'void'] as const;

export const listReferralsQuery = paginationQuery.extend({
  status: z.enum(referralStatuses).optional(),
  referrerCustomerId: reference().optional(),
  refereeCustomerId: reference().optional(),
});
export type ListReferralsQuery = z.infer<typeof listReferralsQuery>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a day as YYYY-MM-DD');

/** Days, both inclusive, in UTC; either end may be left open. */
export const referralStatsQuery = z
  .object({ from: day.optional(), to: day.optional() })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'must not be before "from"', path: ['to'] });
export type ReferralStatsQuery = z.infer<typeof referralStatsQuery>;
