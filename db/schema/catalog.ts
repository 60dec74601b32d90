import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenantColumns, timestampColumns } from './columns';

export type Metadata = Record<string, string>;

export const customers = pgTable(
  'customers',
  {
    id: text('id').primaryKey(),
    ...tenantColumns(),
    stripeCustomerId: text('stripe_customer_id').notNull(),
    email: text('email').notNull(),
    name: text('name'),
    metadata: jsonb('metadata').$type<Metadata>().notNull().default({}),
    // Stripe's `created` (createdAt is when BillStack wrote the row): analytics counts sign-ups on Stripe's
    // clock. Null only for rows written before it was stored, until backfilled from Stripe.
    stripeCreatedAt: timestamp('stripe_created_at', { withTimezone: true }),
    ...timestampColumns(),
    // Deleted customers stay for history (subscriptions, analytics) but are gone from the API.
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('customers_project_email_uq').on(table.projectId, sql`lower(${table.email})`).where(sql`${table.deletedAt} is null`),
    uniqueIndex('customers_team_stripe_uq').on(table.teamId, table.stripeCustomerId),
    index('customers_project_created_idx').on(table.projectId, table.createdAt),
    // Customer growth counts sign-ups (Stripe's time, else ours) and deletions by day range.
    index('customers_project_signup_idx').on(table.projectId, sql`coalesce(${table.stripeCreatedAt}, ${table.createdAt})`),
    index('customers_project_deleted_idx').on(table.projectId, table.deletedAt).where(sql`${table.deletedAt} is not null`),
  ],
);

export const products = pgTable(
  'products',
  {
    id: text('id').primaryKey(),
    ...tenantColumns(),
    stripeProductId: text('stripe_product_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    metadata: jsonb('metadata').$type<Metadata>().notNull().default({}),
    ...timestampColumns(),
  },
  (table) => [
    uniqueIndex('products_team_stripe_uq').on(table.teamId, table.stripeProductId),
    index('products_project_created_idx').on(table.projectId, table.createdAt),
  ],
);

export const priceIntervals = ['day', 'week', 'month', 'year'] as const;
export type PriceInterval = (typeof priceIntervals)[number];

export const prices = pgTable(
  'prices',
  {
    id: text('id').primaryKey(),
    ...tenantColumns(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    stripePriceId: text('stripe_price_id').notNull(),
    // Minor units of `currency` (ISO 4217, lower case as Stripe writes it).
    unitAmount: integer('unit_amount').notNull(),
    currency: text('currency').notNull(),
    // null for a one-time price.
    interval: text('interval', { enum: priceIntervals }),
    intervalCount: integer('interval_count'),
    trialDays: integer('trial_days'),
    nickname: text('nickname'),
    active: boolean('active').notNull().default(true),
    metadata: jsonb('metadata').$type<Metadata>().notNull().default({}),
    ...timestampColumns(),
  },
  (table) => [
    uniqueIndex('prices_team_stripe_uq').on(table.teamId, table.stripePriceId),
    index('prices_project_created_idx').on(table.projectId, table.createdAt),
    index('prices_product_idx').on(table.productId),
  ],
);

export type Customer = typeof customers.$inferSelect;
export type Product = typeof products.$inferSelect;
export type Price = typeof prices.$inferSelect;
