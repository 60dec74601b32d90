import { bigint, bigserial, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenantColumns } from './columns';

export const mrrMovementTypes = ['new', 'expansion', 'contraction', 'churned', 'reactivation'] as const;
export const churnKinds = ['voluntary', 'delinquent'] as const;

/**
 * The MRR movement ledger: one row per change of a customer's MRR in one currency, at the Stripe time of the
 * change. Derived from subscription_history (never edited by hand): recomputed for a customer from the time
 * of a history row applied late, and wholly by a rebuild. Several changes of a customer at the same Stripe
 * second are one movement, so the ledger does not depend on the order events of one second arrived in.
 */
export const mrrMovements = pgTable(
  'mrr_movements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ...tenantColumns(),
    customerId: text('customer_id').notNull(),
    currency: text('currency').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    type: text('type', { enum: mrrMovementTypes }).notNull(),
    // after - before, minor units: > 0 for new, expansion, reactivation; < 0 for contraction, churned.
    amount: integer('amount').notNull(),
    mrrBefore: integer('mrr_before').notNull(),
    mrrAfter: integer('mrr_after').notNull(),
    // Churned movements only: asked for, or ended by failed payments.
    churnKind: text('churn_kind', { enum: churnKinds }),
  },
  (table) => [
    uniqueIndex('mrr_movements_customer_time_uq').on(table.customerId, table.currency, table.occurredAt),
    index('mrr_movements_project_time_idx').on(table.projectId, table.currency, table.occurredAt),
  ],
);

/** Changes of the number of a customer's trialing subscriptions (per currency), kept like the movements. */
export const trialingChanges = pgTable(
  'trialing_changes',
  {
    ...tenantColumns(),
    customerId: text('customer_id').notNull(),
    currency: text('currency').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    delta: integer('delta').notNull(),
  },
  (table) => [primaryKey({ columns: [table.customerId, table.currency, table.occurredAt] })],
);

/**
 * Daily rollup of the ledger per project, currency and UTC day (of Stripe time), updated in the transaction
 * that changes the ledger. Every figure is a sum of that day's changes: a level (MRR, paying customers,
 * trialing subscriptions) at a date is the running sum up to it.
 */
export const analyticsDaily = pgTable(
  'analytics_daily',
  {
    ...tenantColumns(),
    currency: text('currency').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    newMrr: bigint('new_mrr', { mode: 'number' }).notNull().default(0),
    expansionMrr: bigint('expansion_mrr', { mode: 'number' }).notNull().default(0),
    contractionMrr: bigint('contraction_mrr', { mode: 'number' }).notNull().default(0),
    churnedMrr: bigint('churned_mrr', { mode: 'number' }).notNull().default(0),
    reactivationMrr: bigint('reactivation_mrr', { mode: 'number' }).notNull().default(0),
    voluntaryChurnedMrr: bigint('voluntary_churned_mrr', { mode: 'number' }).notNull().default(0),
    delinquentChurnedMrr: bigint('delinquent_churned_mrr', { mode: 'number' }).notNull().default(0),
    newCustomers: integer('new_customers').notNull().default(0),
    reactivatedCustomers: integer('reactivated_customers').notNull().default(0),
    churnedCustomers: integer('churned_customers').notNull().default(0),
    trialingDelta: integer('trialing_delta').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.currency, table.day] })],
);

/**
 * Cohort rollup per project, currency, cohort (the month of the customer's first MRR in the currency) and
 * month, updated with the ledger: changes in that month of the cohort's customers, so that retention reads a
 * few hundred rows instead of the whole ledger. A level (paying customers, MRR) at a month's end is the running
 * sum of the cohort's months up to it.
 */
export const analyticsCohorts = pgTable(
  'analytics_cohorts',
  {
    ...tenantColumns(),
    currency: text('currency').notNull(),
    cohort: date('cohort', { mode: 'string' }).notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    // Customers who joined the cohort (their `new` movements): only in the cohort's own month.
    joined: integer('joined').notNull().default(0),
    payingDelta: integer('paying_delta').notNull().default(0),
    mrrDelta: bigint('mrr_delta', { mode: 'number' }).notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.currency, table.cohort, table.month] })],
);

/**
 * Customer sign-ups (by Stripe's `created`, else BillStack's) and deletions per project and UTC day, kept by a
 * trigger on `customers` (migration 0017) so that every write path, in its own transaction, keeps it exact:
 * customer growth reads a row a day instead of counting 100,000 customers.
 */
export const analyticsCustomerDays = pgTable(
  'analytics_customer_days',
  {
    ...tenantColumns(),
    day: date('day', { mode: 'string' }).notNull(),
    signups: integer('signups').notNull().default(0),
    deletions: integer('deletions').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.day] })],
);

export type MrrMovement = typeof mrrMovements.$inferSelect;
export type TrialingChange = typeof trialingChanges.$inferSelect;
export type AnalyticsDay = typeof analyticsDaily.$inferSelect;
export type AnalyticsCohortMonth = typeof analyticsCohorts.$inferSelect;
