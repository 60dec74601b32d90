import { and, asc, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '@/db/client';
import { projects, type Project } from '@/db/schema';
import { tagKeys } from './metadata';

type MirrorTable = PgTable & { teamId: PgColumn; projectId: PgColumn };

/**
 * The project an object found in Stripe belongs to: the project already holding our copy of it, else the one
 * its BillStack tag names, else (an object made outside BillStack) the team's first project. null when the
 * team has no project to adopt it into.
 */
export async function owningProject(
  db: Executor,
  teamId: string,
  metadata: Record<string, string> | null | undefined,
  held?: { table: MirrorTable; stripeId: PgColumn; value: string },
): Promise<Project | null> {
  if (held) {
    const [holder] = await db
      .select({ projectId: held.table.projectId })
      .from(held.table)
      .where(and(eq(held.table.teamId, teamId), eq(held.stripeId, held.value)))
      .limit(1);
    const project = holder ? await projectOfTeam(db, teamId, String(holder.projectId)) : null;
    if (project) return project;
  }
  const tagged = metadata?.[tagKeys.project];
  const project = tagged ? await projectOfTeam(db, teamId, tagged) : null;
  if (project) return project;
  const [first] = await db.select().from(projects).where(eq(projects.teamId, teamId)).orderBy(asc(projects.createdAt), asc(projects.id)).limit(1);
  return first ?? null;
}

async function projectOfTeam(db: Executor, teamId: string, projectId: string): Promise<Project | null> {
  const [project] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.teamId, teamId), eq(projects.id, projectId)))
    .limit(1);
  return project ?? null;
}
