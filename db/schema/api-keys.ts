import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { user } from './auth';
import { teams } from './teams';

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // SHA-256 of the whole key, hex: the key itself is never stored.
    hash: text('hash').notNull().unique(),
    start: text('start').notNull(),
    // null means every project of the team, including ones created later.
    projectIds: text('project_ids').array(),
    scopes: text('scopes').array().notNull(),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('api_keys_team_idx').on(table.teamId)],
);

export type ApiKey = typeof apiKeys.$inferSelect;
