import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Project } from '@/db/schema';

interface TenantColumns {
  teamId: PgColumn;
  projectId: PgColumn;
}

/** The tenant filter every query of a project resource starts from. */
export function inProject(table: TenantColumns, project: Pick<Project, 'id' | 'teamId'>, ...conditions: (SQL | undefined)[]) {
  return and(eq(table.teamId, project.teamId), eq(table.projectId, project.id), ...conditions)!;
}
