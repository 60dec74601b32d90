import { jsonb, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { tenantColumns, timestampColumns } from './columns';

export const planChangeTimings = ['now', 'period_end'] as const;
export type PlanChangeTiming = (typeof planChangeTimings)[number];
/** Stripe's `proration_behavior` values, as Stripe spells them. */
export const prorationBehaviors = ['create_prorations', 'always_invoice', 'none'] as const;
export type ProrationBehavior = (typeof prorationBehaviors)[number];

export interface PlanChangeDefault {
  when: PlanChangeTiming;
  proration: ProrationBehavior;
}

/** What a plan change does when its request leaves `when` or `proration` out, by direction. */
export interface PlanChangeSettings {
  upgrade: PlanChangeDefault;
  downgrade: PlanChangeDefault;
}

/** A project's settings; a project without a row has the defaults (lib/projects/settings.ts). */
export const projectSettings = pgTable(
  'project_settings',
  {
    ...tenantColumns(),
    planChanges: jsonb('plan_changes').$type<PlanChangeSettings>().notNull(),
    ...timestampColumns(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.projectId] })],
);

export type ProjectSettings = typeof projectSettings.$inferSelect;
