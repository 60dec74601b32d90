import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { tenantColumns } from './columns';

export const historyImportStatuses = ['running', 'succeeded', 'failed'] as const;

/**
 * One run of the history import of a project (on connection or `POST .../sync`): its progress in
 * subscriptions, so the dashboard can show how far it is, and its outcome.
 */
export const historyImports = pgTable(
  'history_imports',
  {
    id: text('id').primaryKey(),
    ...tenantColumns(),
    status: text('status', { enum: historyImportStatuses }).notNull().default('running'),
    processed: integer('processed').notNull().default(0),
    // Unknown (null) until Stripe has listed every subscription.
    total: integer('total'),
    // History states written so far; a re-run writes the same ones, which adds no row.
    historyRows: integer('history_rows').notNull().default(0),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [index('history_imports_project_started_idx').on(table.projectId, table.startedAt)],
);

export type HistoryImport = typeof historyImports.$inferSelect;
