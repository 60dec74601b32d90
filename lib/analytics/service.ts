import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '@/db/client';
import { analyticsCohorts, analyticsDaily, mrrMovements, subscriptionHistory, trialingChanges, type Project } from '@/db/schema';
import { invalidInput } from '@/lib/http/route';
import { inProject } from '@/lib/projects/scope';
import { monthlyRecurringRevenue } from './definitions';
import { projectLockKey, recomputeLedger } from './ledger';
import { cohortMonths, customerCounts, gainsAndLosses, intervalSums, mainCurrency, type FigureParams } from './queries';
import {
  addDays,
  analyticsQuery,
  exportQuery,
  retentionQuery,
  summaryQuery,
  type AnalyticsQuery,
} from './schemas';

type Input<S extends z.ZodType> = z.input<S>;

/** Dashboard pages call the services with plain objects: the same schema as the endpoints checks them. */
function parse<S extends z.ZodType>(schema: S, input: z.input<S>): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput('query', parsed.error);
  return parsed.data;
}

/** The figures' parameters as asked; without a currency, `intervalSums` reads the main one's figures. */
function askedParams(project: Project, query: AnalyticsQuery) {
  return { project, from: query.from, to: query.to, interval: query.interval, currency: query.currency };
}

async function figureParams(db: Executor, project: Project, query: AnalyticsQuery): Promise<FigureParams> {
  return { ...askedParams(project, query), currency: query.currency ?? (await mainCurrency(db, project)) };
}

/** A share, or null when there is nothing to take a share of. */
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
/** Gains over losses; null when nothing was lost. */
const quickRatio = ({ gained, lost }: { gained: number; lost: number }) => (lost === 0 ? null : gained / -lost);

/**
 * The MRR series: each point's `mrr` is the MRR at the end of its interval, equal to the previous point's plus
 * its five movements. `current` is the MRR of the latest known state: the ledger follows Stripe's clock, which
 * may run ahead of the wall clock, so points after the latest change carry that MRR.
 */
export async function mrrReport(db: Executor, project: Project, input: Input<typeof analyticsQuery>) {
  const { currency, points, now } = await intervalSums(db, askedParams(project, parse(analyticsQuery, input)));
  return {
    currency,
    current: now.mrr,
    arr: now.mrr * 12,
    series: points.map((point) => ({
      date: point.date,
      mrr: point.end.mrr,
      new: point.newMrr,
      expansion: point.expansionMrr,
      contraction: point.contractionMrr,
      churned: point.churnedMrr,
      reactivation: point.reactivationMrr,
    })),
  };
}

/** Churn per interval: lost amounts are positive here, rates are fractions of the level at the interval's start. */
export async function churnReport(db: Executor, project: Project, input: Input<typeof analyticsQuery>) {
  const { currency, points } = await intervalSums(db, askedParams(project, parse(analyticsQuery, input)));
  return {
    currency,
    series: points.map((point) => {
      const churnedMrr = -point.churnedMrr;
      const contractionMrr = -point.contractionMrr;
      const regained = point.expansionMrr + point.reactivationMrr;
      return {
        date: point.date,
        customersAtStart: point.start.paying,
        churnedCustomers: point.churnedCustomers,
        customerChurnRate: ratio(point.churnedCustomers, point.start.paying),
        mrrAtStart: point.start.mrr,
        churnedMrr,
        contractionMrr,
        grossMrrChurnRate: ratio(churnedMrr + contractionMrr, point.start.mrr),
        netMrrChurnRate: ratio(churnedMrr + contractionMrr - regained, point.start.mrr),
        voluntaryChurnedMrr: -point.voluntaryChurnedMrr,
        delinquentChurnedMrr: -point.delinquentChurnedMrr,
      };
    }),
  };
}

/** Customer growth: all customers by Stripe's `created` (deleted ones leave), paying ones and trialing subscriptions in the currency. */
export async function customersReport(db: Executor, project: Project, input: Input<typeof analyticsQuery>) {
  const params = askedParams(project, parse(analyticsQuery, input));
  const [counts, { currency, points, now }] = await Promise.all([customerCounts(db, params), intervalSums(db, params)]);
  return {
    currency,
    total: counts.total,
    paying: now.paying,
    trialing: now.trialing,
    series: counts.points.map((count, index) => ({ ...count, paying: points[index].end.paying, trialing: points[index].end.trialing })),
  };
}

/**
 * Cohorts by first paying month (the month of the customer's `new` movement), for the `cohorts` months up to
 * the month of `to`, from the cohort rollup. For month k since the cohort's, logo retention is the share of its
 * customers still paying at that month's end and revenue retention their MRR then over the cohort's MRR at the
 * end of its first month.
 */
export async function retentionReport(db: Executor, project: Project, input: Input<typeof retentionQuery>) {
  const query = parse(retentionQuery, input);
  const params = await figureParams(db, project, query);
  const months: string[] = [];
  for (let month = `${query.to.slice(0, 7)}-01`; months.length < query.cohorts; month = `${addDays(month, -1).slice(0, 7)}-01`) months.unshift(month);
  const [rows, flows] = await Promise.all([
    cohortMonths(db, { project, currency: params.currency, first: months[0], last: months[months.length - 1] }),
    gainsAndLosses(db, params),
  ]);
  const position = new Map(months.map((month, index) => [month, index]));
  const cohorts = months.map((month, index) => {
    const span = months.length - index;
    // Per month since the cohort's: customers joined, and the changes of paying customers and MRR.
    const joined = rows.filter((row) => row.cohort === month).reduce((count, row) => count + row.joined, 0);
    const paying = new Array<number>(span).fill(0);
    const mrr = new Array<number>(span).fill(0);
    for (const row of rows) {
      if (row.cohort !== month) continue;
      const k = position.get(row.month)! - index;
      paying[k] += row.payingDelta;
      mrr[k] += Number(row.mrrDelta);
    }
    for (let k = 1; k < span; k += 1) {
      paying[k] += paying[k - 1];
      mrr[k] += mrr[k - 1];
    }
    return {
      month: month.slice(0, 7),
      customers: joined,
      mrr: mrr[0],
      logo: paying.map((count) => ratio(count, joined)),
      revenue: mrr.map((total) => ratio(total, mrr[0])),
    };
  });
  return { currency: params.currency, cohorts, quickRatio: quickRatio(flows) };
}

/** The overview's figures now, and over the 30 days ending `to` (default today). */
export async function summaryReport(db: Executor, project: Project, input: Input<typeof summaryQuery> = {}) {
  const query = parse(summaryQuery, input);
  // One interval: the 30 days as a single point.
  const { currency, points, now } = await intervalSums(db, { ...askedParams(project, query), from: addDays(query.to, -29), interval: 'month' });
  const total = (pick: (point: (typeof points)[number]) => number) => points.reduce((sum, point) => sum + pick(point), 0);
  // The gains and losses of the range: its points' movements.
  const flows = {
    gained: total((point) => point.newMrr + point.expansionMrr + point.reactivationMrr),
    lost: total((point) => point.contractionMrr + point.churnedMrr),
  };
  return {
    currency,
    mrr: now.mrr,
    arr: now.mrr * 12,
    arpa: now.paying === 0 ? null : Math.round(now.mrr / now.paying),
    payingCustomers: now.paying,
    trialingSubscriptions: now.trialing,
    newMrr30d: total((point) => point.newMrr),
    churnedMrr30d: -total((point) => point.churnedMrr),
    customerChurnRate30d: ratio(total((point) => point.churnedCustomers), points[0].start.paying),
    quickRatio30d: quickRatio(flows),
  };
}

const csvColumns = {
  mrr: ['date', 'mrr', 'new', 'expansion', 'contraction', 'churned', 'reactivation'],
  churn: [
    'date',
    'customersAtStart',
    'churnedCustomers',
    'customerChurnRate',
    'mrrAtStart',
    'churnedMrr',
    'contractionMrr',
    'grossMrrChurnRate',
    'netMrrChurnRate',
    'voluntaryChurnedMrr',
    'delinquentChurnedMrr',
  ],
  customers: ['date', 'new', 'total', 'paying', 'trialing'],
} as const;

/** One metric's series as CSV: a header of the JSON field names, one row per point, empty for null. */
export async function exportCsv(db: Executor, project: Project, input: Input<typeof exportQuery>): Promise<string> {
  const { metric, format: _format, ...query } = parse(exportQuery, input);
  const series: Record<string, unknown>[] =
    metric === 'mrr'
      ? (await mrrReport(db, project, query)).series
      : metric === 'churn'
        ? (await churnReport(db, project, query)).series
        : (await customersReport(db, project, query)).series;
  const columns = csvColumns[metric];
  const lines = [columns.join(','), ...series.map((point) => columns.map((column) => String(point[column] ?? '')).join(','))];
  return `${lines.join('\n')}\n`;
}

/**
 * Recomputes the project's analytics from its subscription history: every row's MRR by today's definitions,
 * then every customer's movements and the rollups, in one transaction, through the same recomputation as the
 * live path, so a rebuild gives exactly the incremental rows. It holds the project's analytics lock alone
 * (live changes wait for it), so it takes no lock per customer. Answers the new summary.
 */
export async function rebuildAnalytics(db: Executor, project: Project) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${projectLockKey(project.id)})`);
    const history = await tx
      .select({
        id: subscriptionHistory.id,
        customerId: subscriptionHistory.customerId,
        occurredAt: subscriptionHistory.occurredAt,
        status: subscriptionHistory.status,
        items: subscriptionHistory.items,
        discounts: subscriptionHistory.discounts,
        mrr: subscriptionHistory.mrr,
      })
      .from(subscriptionHistory)
      .where(inProject(subscriptionHistory, project));
    for (const row of history) {
      const mrr = monthlyRecurringRevenue(row, row.occurredAt);
      if (mrr !== row.mrr) await tx.update(subscriptionHistory).set({ mrr }).where(eq(subscriptionHistory.id, row.id));
    }
    await tx.delete(mrrMovements).where(inProject(mrrMovements, project));
    await tx.delete(trialingChanges).where(inProject(trialingChanges, project));
    await tx.delete(analyticsDaily).where(inProject(analyticsDaily, project));
    await tx.delete(analyticsCohorts).where(inProject(analyticsCohorts, project));
    const customerIds = new Set(history.map((row) => row.customerId));
    const beginning = new Date(0);
    await recomputeLedger(
      tx,
      [...customerIds].map((customerId) => ({ teamId: project.teamId, projectId: project.id, customerId, from: beginning })),
      { locked: true },
    );
  });
  return summaryReport(db, project);
}
