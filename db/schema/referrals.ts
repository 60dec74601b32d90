import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from './catalog';
import { tenantColumns } from './columns';

/** The referee's discount: a Stripe coupon for `durationMonths` months. */
export interface RefereeDiscount {
  type: 'percent' | 'amount';
  value: number;
  currency?: string;
  durationMonths: number;
}

/** The referrer's reward: a coupon (percent or amount, for `durationMonths`) or a customer balance credit. */
export interface ReferrerReward {
  type: 'percent' | 'amount' | 'credit';
  value: number;
  currency?: string;
  durationMonths?: number;
}

/** One per project; a project without a row has referrals disabled. */
export const referralConfigs = pgTable(
  'referral_configs',
  {
    ...tenantColumns(),
    enabled: boolean('enabled').notNull(),
    refereeDiscount: jsonb('referee_discount').$type<RefereeDiscount>().notNull(),
    referrerReward: jsonb('referrer_reward').$type<ReferrerReward>().notNull(),
    rewardAfter: text('reward_after').$type<'signup' | 'first_payment'>().notNull(),
    attributionDays: integer('attribution_days').notNull(),
    holdDays: integer('hold_days').notNull(),
    maxRedemptionsPerCode: integer('max_redemptions_per_code'),
    codeExpiresInDays: integer('code_expires_in_days'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.projectId] }), index('referral_configs_team_idx').on(table.teamId)],
);

export const referralCodes = pgTable(
  'referral_codes',
  {
    id: text('id').primaryKey(),
    ...tenantColumns(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    active: boolean('active').notNull().default(true),
    redemptions: integer('redemptions').notNull().default(0),
    maxRedemptions: integer('max_redemptions'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Codes are typed by people: FRIEND and friend are one code.
    uniqueIndex('referral_codes_project_code_uq').on(table.projectId, sql`lower(${table.code})`),
    index('referral_codes_team_project_idx').on(table.teamId, table.projectId),
    index('referral_codes_customer_idx').on(table.customerId),
  ],
);

export const referrals = pgTable(
  'referrals',
  {
    id: text('id').primaryKey(),
    ...tenantColumns(),
    codeId: text('code_id')
      .notNull()
      .references(() => referralCodes.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    referrerCustomerId: text('referrer_customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    refereeCustomerId: text('referee_customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    status: text('status').$type<ReferralStatus>().notNull(),
    // The Stripe invoice whose payment qualified the referral (first_payment), the one a refund claws back.
    qualifyingStripeInvoiceId: text('qualifying_stripe_invoice_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    qualifiedAt: timestamp('qualified_at', { withTimezone: true }),
    rewardedAt: timestamp('rewarded_at', { withTimezone: true }),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    voidReason: text('void_reason'),
  },
  (table) => [
    // A customer is referred once: concurrent applies end with one row.
    uniqueIndex('referrals_project_referee_uq').on(table.projectId, table.refereeCustomerId),
    index('referrals_team_project_created_idx').on(table.teamId, table.projectId, table.createdAt),
    index('referrals_referrer_idx').on(table.referrerCustomerId),
  ],
);
export type ReferralStatus = 'pending' | 'qualified' | 'rewarded' | 'void';

/**
 * What a referral granted in Stripe, one row per beneficiary. The row is claimed (inserted) in a transaction
 * before the Stripe call, so two processes never both grant; the Stripe ids are filled in once Stripe answered.
 */
export const referralRewards = pgTable(
  'referral_rewards',
  {
    referralId: text('referral_id')
      .notNull()
      .references(() => referrals.id, { onDelete: 'cascade' }),
    beneficiary: text('beneficiary').$type<'referee' | 'referrer'>().notNull(),
    ...tenantColumns(),
    customerId: text('customer_id').notNull(),
    kind: text('kind').$type<'coupon' | 'credit'>().notNull(),
    status: text('status').$type<'claimed' | 'granted' | 'reversed'>().notNull(),
    // What it costs the project, minor units: a credit's amount, an amount coupon times its months, a percent
    // coupon's share of the subscription's monthly amount times its months (0 while no subscription is known).
    costAmount: integer('cost_amount').notNull().default(0),
    currency: text('currency'),
    stripeCouponId: text('stripe_coupon_id'),
    stripeSubscriptionId: text('stripe_subscription_id'),
    stripeDiscountId: text('stripe_discount_id'),
    stripeBalanceTransactionId: text('stripe_balance_transaction_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    grantedAt: timestamp('granted_at', { withTimezone: true }),
    reversedAt: timestamp('reversed_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.referralId, table.beneficiary] }),
    index('referral_rewards_team_project_idx').on(table.teamId, table.projectId),
  ],
);

export type ReferralConfig = typeof referralConfigs.$inferSelect;
export type NewReferralConfig = typeof referralConfigs.$inferInsert;
export type ReferralCode = typeof referralCodes.$inferSelect;
export type Referral = typeof referrals.$inferSelect;
export type ReferralReward = typeof referralRewards.$inferSelect;
