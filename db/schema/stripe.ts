import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { teams } from './teams';

/** One Stripe account per team. Secrets are AES-256-GCM ciphertexts bound to the team id. */
export const stripeConnections = pgTable('stripe_connections', {
  teamId: text('team_id')
    .primaryKey()
    .references(() => teams.id, { onDelete: 'cascade' }),
  accountId: text('account_id').notNull(),
  livemode: boolean('livemode').notNull(),
  secretKeyEncrypted: text('secret_key_encrypted').notNull(),
  webhookEndpointId: text('webhook_endpoint_id').notNull(),
  webhookSecretEncrypted: text('webhook_secret_encrypted').notNull(),
  connectedAt: timestamp('connected_at', { withTimezone: true }).notNull().defaultNow(),
});

export type StripeConnection = typeof stripeConnections.$inferSelect;
