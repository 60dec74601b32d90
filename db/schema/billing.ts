import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers, type Metadata } from './catalog';
import { tenantColumns } from './columns';
import { projects, teams } from './teams';

/** One line of a subscription: our price id (when BillStack knows the price) and Stripe's. */
export interface SubscriptionItem {
  stripeItemId: string;
  priceId: string | null;
  stripePriceId: string;
  quantity: number;
  unitAmount: number | null;
  currency: string;
  interval: string | null;
  intervalCount: number | null;
  // `metered` prices bill usage after the fact and are not recurring revenue; absent in rows written before.
  usageType?: string | null;
}

export interface SubscriptionDiscount {
  // Stripe's discount id (`di_...`); absent in rows written before it was kept.
  discountId?: string;
  couponId: string;
  percentOff: number | null;
  amountOff: number | null;
  currency: string | null;
  duration: string;
  end: string | null;
}

/**
 * A change Stripe will make at a later moment (the next phase of the subscription's schedule): its items
 * with our price ids, and when it takes effect.
 */
export interface PendingChange {
  stripeScheduleId: string;
  items: { priceId: string | null; stripePriceId: string; quantity: number }[];
  effectiveAt: string;
}

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: text('id').primaryKey(),
    ...tenantColumns(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    stripeSubscriptionId: text('stripe_subscription_id').notNull(),
    status: text('status').notNull(),
    items: jsonb('items').$type<SubscriptionItem[]>().notNull(),
    discount: jsonb('discount').$type<SubscriptionDiscount | null>(),
    // Every discount of the subscription, in Stripe's order (`discount` is the first).
    discounts: jsonb('discounts').$type<SubscriptionDiscount[]>().notNull().default([]),
    currency: text('currency').notNull(),
    currentPeriodStart: timestamp('current_period_start', { withTimezone: true }),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    canceledAt: timestamp('canceled_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    // Stripe's `cancellation_details.reason`: cancellation_requested, payment_failed or payment_disputed.
    cancellationReason: text('cancellation_reason'),
    trialStart: timestamp('trial_start', { withTimezone: true }),
    trialEnd: timestamp('trial_end', { withTimezone: true }),
    metadata: jsonb('metadata').$type<Metadata>().notNull().default({}),
    // The next phase of the subscription's schedule, read with the subscription (lib/stripe/mirror/pending-changes.ts).
    pendingChange: jsonb('pending_change').$type<PendingChange | null>(),
    // When the Stripe read this row holds began: a write from an earlier read never replaces it.
    stripeSyncedAt: timestamp('stripe_synced_at', { withTimezone: true }),
    // Stripe's `created`: when the subscription began, in Stripe's (possibly simulated) time.
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('subscriptions_team_stripe_uq').on(table.teamId, table.stripeSubscriptionId),
    index('subscriptions_project_created_idx').on(table.projectId, table.createdAt),
    index('subscriptions_customer_idx').on(table.customerId),
  ],
);

/**
 * Append-only: one row per Stripe event that changed a subscription (status, items, quantities,
 * prices, discount, period, scheduled cancellation), holding the state right after the change.
 * Stripe emits one event per change, so rows are unique per event and their order is `occurredAt`,
 * whatever order the events arrived in. Analytics derives MRR movements from consecutive rows.
 */
export const subscriptionHistory = pgTable(
  'subscription_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ...tenantColumns(),
    subscriptionId: text('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    customerId: text('customer_id').notNull(),
    stripeEventId: text('stripe_event_id').notNull(),
    eventType: text('event_type').notNull(),
    // The time of the change in Stripe (the event's `created`).
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    status: text('status').notNull(),
    items: jsonb('items').$type<SubscriptionItem[]>().notNull(),
    discount: jsonb('discount').$type<SubscriptionDiscount | null>(),
    discounts: jsonb('discounts').$type<SubscriptionDiscount[]>().notNull().default([]),
    currency: text('currency').notNull(),
    // Monthly recurring revenue of this state, minor units, after discount; 0 unless active or past due.
    mrr: integer('mrr').notNull(),
    currentPeriodStart: timestamp('current_period_start', { withTimezone: true }),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull(),
    cancellationReason: text('cancellation_reason'),
    changedFields: text('changed_fields').array().notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('subscription_history_event_uq').on(table.subscriptionId, table.stripeEventId),
    index('subscription_history_project_time_idx').on(table.projectId, table.occurredAt),
    // The ledger recomputes a customer's movements from all the customer's history rows.
    index('subscription_history_customer_time_idx').on(table.customerId, table.occurredAt),
  ],
);

export const invoices = pgTable(
  'invoices',
  {
    id: text('id').primaryKey(),
    ...tenantColumns(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    subscriptionId: text('subscription_id').references(() => subscriptions.id, { onDelete: 'set null' }),
    stripeInvoiceId: text('stripe_invoice_id').notNull(),
    number: text('number'),
    status: text('status').notNull(),
    currency: text('currency').notNull(),
    amountDue: integer('amount_due').notNull(),
    amountPaid: integer('amount_paid').notNull(),
    total: integer('total').notNull(),
    billingReason: text('billing_reason'),
    hostedInvoiceUrl: text('hosted_invoice_url'),
    periodStart: timestamp('period_start', { withTimezone: true }),
    periodEnd: timestamp('period_end', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    // As on subscriptions: when the Stripe read this row holds began.
    stripeSyncedAt: timestamp('stripe_synced_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('invoices_team_stripe_uq').on(table.teamId, table.stripeInvoiceId),
    index('invoices_customer_idx').on(table.customerId, table.createdAt),
    index('invoices_project_created_idx').on(table.projectId, table.createdAt),
  ],
);

/** Coupons live on the Stripe account, so they belong to the team, shared by its projects. */
export const coupons = pgTable(
  'coupons',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    stripeCouponId: text('stripe_coupon_id').notNull(),
    name: text('name'),
    percentOff: integer('percent_off'),
    amountOff: integer('amount_off'),
    currency: text('currency'),
    duration: text('duration').notNull(),
    durationInMonths: integer('duration_in_months'),
    valid: boolean('valid').notNull(),
    deleted: boolean('deleted').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('coupons_team_stripe_uq').on(table.teamId, table.stripeCouponId)],
);

/**
 * `pending`: queued, or waiting for a retry after a failed apply (`attempts`, `lastError`, `nextAttemptAt` say
 * so); `processing`: claimed by a worker; `applied`/`ignored`: done; `failed`: dead letter, retries exhausted.
 */
export const webhookEventStatuses = ['pending', 'processing', 'applied', 'failed', 'ignored'] as const;

/** Every verified Stripe event, stored once; `status` says whether it reached BillStack's rows. */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    stripeEventId: text('stripe_event_id').notNull(),
    type: text('type').notNull(),
    // The object's id, so events of one object can be found together.
    objectId: text('object_id'),
    // The project whose row the event changed, once applied (the webhook stats are per project).
    projectId: text('project_id').references(() => projects.id, { onDelete: 'set null' }),
    // How many times Stripe delivered the event again after it was stored.
    duplicates: integer('duplicates').notNull().default(0),
    stripeCreatedAt: timestamp('stripe_created_at', { withTimezone: true }).notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: webhookEventStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    // A worker's claim on a `processing` event: past it, the worker is taken for dead and the event is due again.
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('stripe_events_team_event_uq').on(table.teamId, table.stripeEventId),
    // The queue: what is due (pending, or an expired claim), and the other events of a claimed object.
    index('stripe_events_queue_idx').on(table.stripeCreatedAt).where(sql`${table.status} in ('pending', 'processing')`),
    index('stripe_events_object_idx').on(table.teamId, table.objectId).where(sql`${table.status} in ('pending', 'processing')`),
    index('stripe_events_team_received_idx').on(table.teamId, table.receivedAt),
    index('stripe_events_project_created_idx').on(table.projectId, table.stripeCreatedAt),
  ],
);

export const portalTokens = pgTable(
  'portal_tokens',
  {
    id: text('id').primaryKey(),
    ...tenantColumns(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    returnUrl: text('return_url'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('portal_tokens_customer_idx').on(table.customerId)],
);

export type Subscription = typeof subscriptions.$inferSelect;
export type SubscriptionHistoryRow = typeof subscriptionHistory.$inferSelect;
export type Invoice = typeof invoices.$inferSelect;
export type Coupon = typeof coupons.$inferSelect;
export type StripeEventRow = typeof stripeEvents.$inferSelect;
export type PortalToken = typeof portalTokens.$inferSelect;
