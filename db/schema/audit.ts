import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { teams } from './teams';

export const auditActorTypes = ['user', 'apiKey'] as const;
export type AuditActorType = (typeof auditActorTypes)[number];

// One row per change made in a team, written in the transaction of the change. Actor and target are kept as
// plain ids and a label, not foreign keys: the trail outlives the users, keys and rows it names.
export const auditEvents = pgTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type', { enum: auditActorTypes }).notNull(),
    actorId: text('actor_id').notNull(),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    requestId: text('request_id').notNull(),
    ip: text('ip'),
  },
  (table) => [
    index('audit_events_team_at_idx').on(table.teamId, table.at.desc(), table.id.desc()),
    index('audit_events_team_actor_idx').on(table.teamId, table.actorId),
    index('audit_events_team_action_idx').on(table.teamId, table.action),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
