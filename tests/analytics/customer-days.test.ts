// Customer growth reads the daily rollup the customers table keeps by trigger: whatever writes customers (insert,
// Stripe's `created` backfilled, soft deletion, hard deletion, a project deleted), the rollup counts like the table.
import { and, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { analyticsCustomerDays, customers, projects, type Project } from '@/db/schema';
import { customersReport } from '@/lib/analytics/service';
import { newId } from '@/lib/http/ids';
import { createProject, createTeam, signUp } from '../helpers/fixtures';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

/** The count the rollup replaces: customers created before `end` (Stripe's time, else ours) and not deleted by then. */
async function countedFromTable(db: Database, project: Project, end: Date) {
  const created = sql`coalesce(${customers.stripeCreatedAt}, ${customers.createdAt})`;
  const [row] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(customers)
    .where(and(eq(customers.projectId, project.id), sql`${created} < ${end.toISOString()}`, or(isNull(customers.deletedAt), gte(customers.deletedAt, end))));
  return row.total;
}

describe('customer growth rollup', () => {
  let db: Database;
  let project: Project;

  beforeAll(async () => {
    db = await getDb();
    const owner = await signUp();
    const team = await createTeam(owner);
    const created = await createProject(owner, team.id);
    [project] = await db.select().from(projects).where(eq(projects.id, created.id));
  });

  const insertCustomer = async (createdOn: string, extra: Partial<typeof customers.$inferInsert> = {}) => {
    const id = newId('customer');
    await db.insert(customers).values({
      id,
      teamId: project.teamId,
      projectId: project.id,
      stripeCustomerId: `cus_${id}`,
      email: `${id}@example.com`,
      stripeCreatedAt: day(createdOn),
      ...extra,
    });
    return id;
  };

  it('counts sign-ups by Stripe day and deletions on their day, through every kind of write', async () => {
    const first = await insertCustomer('2026-03-01');
    await insertCustomer('2026-03-01');
    const backfilled = await insertCustomer('2026-03-10', { stripeCreatedAt: null, createdAt: day('2026-03-20') });
    const deleted = await insertCustomer('2026-03-05');
    const removed = await insertCustomer('2026-03-06');
    // Stripe's `created` backfilled later moves the sign-up to Stripe's day.
    await db.update(customers).set({ stripeCreatedAt: day('2026-03-02') }).where(eq(customers.id, backfilled));
    await db.update(customers).set({ deletedAt: day('2026-03-15') }).where(eq(customers.id, deleted));
    await db.update(customers).set({ name: 'renamed' }).where(eq(customers.id, first));
    await db.delete(customers).where(eq(customers.id, removed));

    const report = await customersReport(db, project, { from: '2026-03-01', to: '2026-03-31', interval: 'week' });
    // The first point is Sunday Mar 1 alone (weeks start on Monday): two sign-ups. The week of Mar 2 adds the
    // backfilled one and the one of Mar 5; the hard-deleted one never counts; the deletion of Mar 15 falls in the
    // week of Mar 9.
    expect(report.total).toBe(3);
    expect(report.series.map(({ date, new: added, total }) => ({ date, added, total }))).toEqual([
      { date: '2026-03-01', added: 2, total: 2 },
      { date: '2026-03-02', added: 2, total: 4 },
      { date: '2026-03-09', added: 0, total: 3 },
      { date: '2026-03-16', added: 0, total: 3 },
      { date: '2026-03-23', added: 0, total: 3 },
      { date: '2026-03-30', added: 0, total: 3 },
    ]);
    for (const end of ['2026-03-02', '2026-03-09', '2026-03-16', '2026-04-01']) {
      const [{ total }] = await db
        .select({ total: sql<number>`coalesce(sum(${analyticsCustomerDays.signups} - ${analyticsCustomerDays.deletions}), 0)::int` })
        .from(analyticsCustomerDays)
        .where(and(eq(analyticsCustomerDays.projectId, project.id), lt(analyticsCustomerDays.day, end)));
      expect(total).toBe(await countedFromTable(db, project, new Date(`${end}T00:00:00Z`)));
    }
  });

  it('lets a project with customers be deleted, taking its rollup with it', async () => {
    await db.delete(projects).where(eq(projects.id, project.id));
    const left = await db.select().from(analyticsCustomerDays).where(eq(analyticsCustomerDays.projectId, project.id));
    expect(left).toEqual([]);
  });
});
