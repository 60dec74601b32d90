import { and, asc, desc, eq, gte, lte, sql, sum, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '@/db/client';
import { preparedFor } from '@/db/prepared';
import { analyticsCohorts, analyticsCustomerDays, analyticsDaily, type Project } from '@/db/schema';
import { inProject } from '@/lib/projects/scope';
import { daySumKeys, zeroSums, type DaySums } from './rollups';
import { intervalsOf, type AnalyticsInterval } from './schemas';

/** What every figure is asked for: the project, an inclusive range of UTC days, an interval and one currency. */
export interface FigureParams {
  project: Project;
  from: string;
  to: string;
  interval: AnalyticsInterval;
  currency: string;
}

/** Levels at the end of a day: MRR, paying customers, trialing subscriptions (running sums of the rollup). */
interface Levels {
  mrr: number;
  paying: number;
  trialing: number;
}

const movementSum = sql<number>`coalesce(sum(${analyticsDaily.newMrr} + ${analyticsDaily.expansionMrr} + ${analyticsDaily.contractionMrr} + ${analyticsDaily.churnedMrr} + ${analyticsDaily.reactivationMrr}), 0)::bigint`;
/** The project's currency with the highest current MRR; `usd` when it has none. */
export async function mainCurrency(db: Executor, project: Project): Promise<string> {
  const [top] = await db
    .select({ currency: analyticsDaily.currency, mrr: movementSum })
    .from(analyticsDaily)
    .where(inProject(analyticsDaily, project))
    .groupBy(analyticsDaily.currency)
    .orderBy(desc(movementSum), asc(analyticsDaily.currency))
    .limit(1);
  return top && Number(top.mrr) > 0 ? top.currency : 'usd';
}

export type IntervalSums = DaySums & { date: string; start: Levels; end: Levels };

const tenantIs = (table: typeof analyticsDaily | typeof analyticsCustomerDays) =>
  and(eq(table.teamId, sql.placeholder('teamId')), eq(table.projectId, sql.placeholder('projectId')));
const [rangeFrom, rangeTo] = [sql.placeholder('from'), sql.placeholder('to')];
/** Rows of a rollup summed into three parts: -1 the days before the range, 0 each day of it, 1 the days after. */
const rangePart = (day: PgColumn) => sql<number>`case when ${day} < ${rangeFrom} then -1 when ${day} > ${rangeTo} then 1 else 0 end`;
const dayInRange = (day: PgColumn) => sql<string | null>`case when ${day} between ${rangeFrom} and ${rangeTo} then to_char(${day}, 'YYYY-MM-DD') end`;

/**
 * The currency asked for, else the project's with the highest current MRR (`usd` when none has any): the
 * default resolved inside the statement that reads the figures, not by a query before it.
 */
const askedOrMainCurrency = (db: Executor) =>
  sql`coalesce(${sql.placeholder('currency')}::text, (${db
    .select({ currency: analyticsDaily.currency })
    .from(analyticsDaily)
    .where(tenantIs(analyticsDaily))
    .groupBy(analyticsDaily.currency)
    .having(sql`${movementSum} > 0`)
    .orderBy(desc(movementSum), asc(analyticsDaily.currency))
    .limit(1)}), 'usd')`;

const dailyParts = preparedFor((db) =>
  db
    .select({
      currency: analyticsDaily.currency,
      part: rangePart(analyticsDaily.day),
      day: dayInRange(analyticsDaily.day),
      ...(Object.fromEntries(daySumKeys.map((key) => [key, sql<number>`coalesce(sum(${analyticsDaily[key]}), 0)::bigint`])) as Record<keyof DaySums, SQL<number>>),
    })
    .from(analyticsDaily)
    .where(and(tenantIs(analyticsDaily), eq(analyticsDaily.currency, askedOrMainCurrency(db))))
    .groupBy(sql`1, 2, 3`)
    .orderBy(sql`2, 3`)
    .prepare('analytics_daily_parts'),
);

/** The levels after adding a part's sums. */
function levelsAfter(level: Levels, sums: DaySums | undefined): Levels {
  if (!sums) return level;
  return {
    mrr: level.mrr + Number(sums.newMrr) + Number(sums.expansionMrr) + Number(sums.contractionMrr) + Number(sums.churnedMrr) + Number(sums.reactivationMrr),
    paying: level.paying + Number(sums.newCustomers) + Number(sums.reactivatedCustomers) - Number(sums.churnedCustomers),
    trialing: level.trialing + Number(sums.trialingDelta),
  };
}

/**
 * The rollup summed per interval of the range, with the levels at the start and end of each interval, and the
 * levels `now` (after the latest change, which may lie after the range): one statement reading each of the
 * currency's days once. Without a currency, the project's main one (`mainCurrency`), which it answers.
 */
export async function intervalSums(
  db: Executor,
  { project, from, to, interval, currency }: Omit<FigureParams, 'currency'> & { currency?: string },
): Promise<{ currency: string; points: IntervalSums[]; now: Levels }> {
  const rows = await dailyParts(db).execute({ teamId: project.teamId, projectId: project.id, currency: currency ?? null, from, to });
  const days = rows.filter((row) => row.part === 0);
  let level = levelsAfter({ mrr: 0, paying: 0, trialing: 0 }, rows.find((row) => row.part === -1));
  let next = 0;
  const points = intervalsOf(from, to, interval).map(({ date, last }) => {
    const sums = zeroSums();
    for (; next < days.length && days[next].day! <= last; next += 1) {
      for (const key of daySumKeys) sums[key] += Number(days[next][key]);
    }
    const end = levelsAfter(level, sums);
    const point = { date, ...sums, start: level, end };
    level = end;
    return point;
  });
  // The main currency has rows (its MRR is above 0); without any, it is `usd`.
  return { currency: currency ?? rows[0]?.currency ?? 'usd', points, now: levelsAfter(level, rows.find((row) => row.part === 1)) };
}

const customerDayParts = preparedFor((db) =>
  db
    .select({
      part: rangePart(analyticsCustomerDays.day),
      day: dayInRange(analyticsCustomerDays.day),
      signups: sql<number>`coalesce(sum(${analyticsCustomerDays.signups}), 0)::int`,
      deletions: sql<number>`coalesce(sum(${analyticsCustomerDays.deletions}), 0)::int`,
    })
    .from(analyticsCustomerDays)
    .where(tenantIs(analyticsCustomerDays))
    .groupBy(sql`1, 2`)
    .orderBy(sql`1, 2`)
    .prepare('analytics_customer_day_parts'),
);

/**
 * Customers created (by Stripe's `created`) and deleted per interval, the total at each interval's end, and
 * the total now (live customers whatever their creation time), from one statement.
 */
export async function customerCounts(db: Executor, { project, from, to, interval }: Omit<FigureParams, 'currency'>) {
  const rows = await customerDayParts(db).execute({ teamId: project.teamId, projectId: project.id, from, to });
  const net = (part: number) => rows.filter((row) => row.part === part).reduce((sum, row) => sum + row.signups - row.deletions, 0);
  const days = rows.filter((row) => row.part === 0);
  let total = net(-1);
  let next = 0;
  const points = intervalsOf(from, to, interval).map(({ date, last }) => {
    let added = 0;
    for (; next < days.length && days[next].day! <= last; next += 1) {
      added += days[next].signups;
      total += days[next].signups - days[next].deletions;
    }
    return { date, new: added, total };
  });
  return { points, total: total + net(1) };
}

/** The cohort rollup of the cohorts from `first` to `last` (first days of months), up to the month of `last`. */
export async function cohortMonths(db: Executor, { project, currency, first, last }: { project: Project; currency: string; first: string; last: string }) {
  return db
    .select({ cohort: analyticsCohorts.cohort, month: analyticsCohorts.month, joined: analyticsCohorts.joined, payingDelta: analyticsCohorts.payingDelta, mrrDelta: analyticsCohorts.mrrDelta })
    .from(analyticsCohorts)
    .where(
      inProject(
        analyticsCohorts,
        project,
        eq(analyticsCohorts.currency, currency),
        gte(analyticsCohorts.cohort, first),
        lte(analyticsCohorts.cohort, last),
        lte(analyticsCohorts.month, last),
      ),
    )
    .orderBy(asc(analyticsCohorts.cohort), asc(analyticsCohorts.month));
}

/** New + expansion + reactivation, and contraction + churned (≤ 0), over a range. */
export async function gainsAndLosses(db: Executor, { project, currency, from, to }: Omit<FigureParams, 'interval'>) {
  const [row] = await db
    .select({
      gained: sum(sql`${analyticsDaily.newMrr} + ${analyticsDaily.expansionMrr} + ${analyticsDaily.reactivationMrr}`),
      lost: sum(sql`${analyticsDaily.contractionMrr} + ${analyticsDaily.churnedMrr}`),
    })
    .from(analyticsDaily)
    .where(inProject(analyticsDaily, project, eq(analyticsDaily.currency, currency), gte(analyticsDaily.day, from), lte(analyticsDaily.day, to)));
  return { gained: Number(row.gained ?? 0), lost: Number(row.lost ?? 0) };
}
