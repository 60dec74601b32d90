import { asc, desc, eq, gte, lt, lte, sql, sum } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { analyticsCohorts, analyticsCustomerDays, analyticsDaily, type Project } from '@/db/schema';
import { inProject } from '@/lib/projects/scope';
import type { DaySums } from './rollups';
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
const payingSum = sql<number>`coalesce(sum(${analyticsDaily.newCustomers} + ${analyticsDaily.reactivatedCustomers} - ${analyticsDaily.churnedCustomers}), 0)::bigint`;
const trialingSum = sql<number>`coalesce(sum(${analyticsDaily.trialingDelta}), 0)::bigint`;

/** The levels at the end of the day before `before` (all of time when omitted: the current state). */
export async function levelsBefore(db: Executor, { project, currency, before }: { project: Project; currency: string; before?: string }): Promise<Levels> {
  const [row] = await db
    .select({ mrr: movementSum, paying: payingSum, trialing: trialingSum })
    .from(analyticsDaily)
    .where(inProject(analyticsDaily, project, eq(analyticsDaily.currency, currency), before ? lt(analyticsDaily.day, before) : undefined));
  return { mrr: Number(row.mrr), paying: Number(row.paying), trialing: Number(row.trialing) };
}

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

/** The rollup summed per interval of the range, with the levels at the start and end of each interval. */
export async function intervalSums(db: Executor, { project, from, to, interval, currency }: FigureParams): Promise<IntervalSums[]> {
  const [start, days] = await Promise.all([
    levelsBefore(db, { project, currency, before: from }),
    db
      .select()
      .from(analyticsDaily)
      .where(inProject(analyticsDaily, project, eq(analyticsDaily.currency, currency), gte(analyticsDaily.day, from), lte(analyticsDaily.day, to)))
      .orderBy(asc(analyticsDaily.day)),
  ]);
  let level = start;
  let next = 0;
  return intervalsOf(from, to, interval).map(({ date, last }) => {
    const sums: DaySums = {
      newMrr: 0,
      expansionMrr: 0,
      contractionMrr: 0,
      churnedMrr: 0,
      reactivationMrr: 0,
      voluntaryChurnedMrr: 0,
      delinquentChurnedMrr: 0,
      newCustomers: 0,
      reactivatedCustomers: 0,
      churnedCustomers: 0,
      trialingDelta: 0,
    };
    for (; next < days.length && days[next].day <= last; next += 1) {
      for (const key of Object.keys(sums) as (keyof DaySums)[]) sums[key] += Number(days[next][key]);
    }
    const end = {
      mrr: level.mrr + sums.newMrr + sums.expansionMrr + sums.contractionMrr + sums.churnedMrr + sums.reactivationMrr,
      paying: level.paying + sums.newCustomers + sums.reactivatedCustomers - sums.churnedCustomers,
      trialing: level.trialing + sums.trialingDelta,
    };
    const point = { date, ...sums, start: level, end };
    level = end;
    return point;
  });
}

/** Customers created (by Stripe's `created`) and deleted per interval, and the total at each interval's end. */
export async function customerCounts(db: Executor, { project, from, to, interval }: Omit<FigureParams, 'currency'>) {
  const [[before], days] = await Promise.all([
    db
      .select({ total: sql<number>`coalesce(sum(${analyticsCustomerDays.signups} - ${analyticsCustomerDays.deletions}), 0)::int` })
      .from(analyticsCustomerDays)
      .where(inProject(analyticsCustomerDays, project, lt(analyticsCustomerDays.day, from))),
    db
      .select({ day: analyticsCustomerDays.day, signups: analyticsCustomerDays.signups, deletions: analyticsCustomerDays.deletions })
      .from(analyticsCustomerDays)
      .where(inProject(analyticsCustomerDays, project, gte(analyticsCustomerDays.day, from), lte(analyticsCustomerDays.day, to)))
      .orderBy(asc(analyticsCustomerDays.day)),
  ]);
  let total = before.total;
  let next = 0;
  return intervalsOf(from, to, interval).map(({ date, last }) => {
    let added = 0;
    for (; next < days.length && days[next].day <= last; next += 1) {
      added += days[next].signups;
      total += days[next].signups - days[next].deletions;
    }
    return { date, new: added, total };
  });
}

/** Live customers now, whatever their creation time. */
export async function customerTotal(db: Executor, project: Project): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${analyticsCustomerDays.signups} - ${analyticsCustomerDays.deletions}), 0)::int` })
    .from(analyticsCustomerDays)
    .where(inProject(analyticsCustomerDays, project));
  return row.total;
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
