import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenantColumns, timestampColumns } from './columns';

/** Where a project's SaaS backend receives BillStack's events, signed with the endpoint's own secret. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    ...tenantColumns(),
    url: text('url').notNull(),
    description: text('description'),
    // Event types, or ['*'] for every type.
    events: text('events').array().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    // Standard Webhooks `whsec_...`, AES-256-GCM sealed with the endpoint id as context.
    secretEncrypted: text('secret_encrypted').notNull(),
    // The last time it was known good: created, enabled again, or a delivery succeeded. A delivery failing to
    // its last attempt with no good news since it was created disables the endpoint.
    lastHealthyAt: timestamp('last_healthy_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledReason: text('disabled_reason').$type<'failing'>(),
    ...timestampColumns(),
  },
  (table) => [index('webhook_endpoints_team_project_idx').on(table.teamId, table.projectId, table.createdAt)],
);
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

/**
 * The outbox: one row per event, written in the transaction that changed the row it is about. `dedupeKey`
 * makes an event derived from a Stripe state (an invoice paid) one event however often that state is applied.
 */
export const webhookMessages = pgTable(
  'webhook_messages',
  {
    id: text('id').primaryKey(),
    ...tenantColumns(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<{ type: string; timestamp: string; data: unknown }>().notNull(),
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('webhook_messages_project_dedupe_uq').on(table.projectId, table.dedupeKey)],
);
export type WebhookMessage = typeof webhookMessages.$inferSelect;

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** One message to one endpoint: the durable queue the worker drains, and the endpoint's delivery log. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    ...tenantColumns(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    messageId: text('message_id')
      .notNull()
      .references(() => webhookMessages.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    status: text('status').$type<WebhookDeliveryStatus>().notNull().default('pending'),
    // Attempts made so far.
    attempt: integer('attempt').notNull().default(0),
    // When the worker may take it next; while an attempt runs, the end of its lease.
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    responseCode: integer('response_code'),
    durationMs: integer('duration_ms'),
    // The start of the receiver's answer or the network error, never more (see excerptLength).
    responseExcerpt: text('response_excerpt'),
    ...timestampColumns(),
  },
  (table) => [
    index('webhook_deliveries_due_idx').on(table.status, table.nextAttemptAt),
    index('webhook_deliveries_endpoint_idx').on(table.endpointId, table.createdAt),
  ],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
