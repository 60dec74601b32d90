import { asc } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { analyticsDaily, type Project } from '@/db/schema';
import { inProject } from '@/lib/projects/scope';

/** The currencies the project has figures in, for the dashboard's currency switch (never added together). */
export async function analyticsCurrencies(db: Executor, project: Project): Promise<string[]> {
  const rows = await db
    .selectDistinct({ currency: analyticsDaily.currency })
    .from(analyticsDaily)
    .where(inProject(analyticsDaily, project))
    .orderBy(asc(analyticsDaily.currency));
  return rows.map((row) => row.currency);
}
