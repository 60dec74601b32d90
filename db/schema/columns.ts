import { text, timestamp } from 'drizzle-orm/pg-core';
import { projects, teams } from './teams';

/** Every project resource carries its team and project, so every query can be scoped by both. */
export const tenantColumns = () => ({
  teamId: text('team_id')
    .notNull()
    .references(() => teams.id, { onDelete: 'cascade' }),
  projectId: text('project_id')
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' }),
});

export const timestampColumns = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
