// Analytics on PostgreSQL: a generated project (100,000 customers and 1,000,000 subscription history rows at
// scale 1), bulk-inserted, then `rebuildAnalytics`; each analytics endpoint over a year by day, next to a
// naive SQL query computing the same MRR series from raw history; and what the ledger and rollups add to
// applying one event.
import { eq, sql } from 'drizzle-orm';
import { subscriptionHistory, projects, type Project } from '../db/schema';
import { appendSubscriptionHistory } from '../lib/analytics/ledger';
import { mrrReport, rebuildAnalytics } from '../lib/analytics/service';
import { connectDrizzle } from './database';
import { percentile } from './stats';
import type { Tenant } from './seed';

/** Subscription history rows per customer (one subscription each). */
const rowsPerCustomer = 10;
const day = 86_400_000;

export interface Timing {
  label: string;
  samples: number;
  p50Ms: number;
  p99Ms: number;
}

export interface AnalyticsCaseResult {
  customers: number;
  historyRows: number;
  insertSeconds: number;
  rebuildSeconds: number;
  endpoints: Timing[];
  naive: Timing;
  /** The naive query's MRR series equals the endpoint's, point by point. */
  naiveMatches: boolean;
  appendPlain: Timing;
  appendWithLedger: Timing;
}

function timing(label: string, durations: number[]): Timing {
  const sorted = Float64Array.from(durations).sort();
  return { label, samples: durations.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
}

/** Runs `call` repeatedly for `seconds` (at least `minSamples` times); its durations in ms. */
async function sample(seconds: number, minSamples: number, call: () => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (durations.length < minSamples || performance.now() < until) {
    const started = performance.now();
    await call();
    durations.push(performance.now() - started);
  }
  return durations;
}

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Generates the project's customers, subscriptions and history in SQL (one statement each): monthly prices of
 * 19, 49 and 99 dollars (a tenth in euros), a quantity change at every row so each one is an MRR movement, and
 * three subscriptions in ten canceled at their last row. Row MRR is the definitions' (unit × quantity).
 */
async function generate(db: ReturnType<typeof connectDrizzle>['db'], tenant: Tenant, customers: number, yearStart: number) {
  const start = new Date(yearStart).toISOString();
  await db.execute(sql`
    insert into customers (id, team_id, project_id, stripe_customer_id, email, created_at, stripe_created_at)
    select 'pc_analytics' || g, ${tenant.teamId}, ${tenant.projectId}, 'cus_analytics' || g, 'a' || g || '@analytics.bench.local',
           ${start}::timestamptz + (g % 30) * interval '1 day', ${start}::timestamptz + (g % 30) * interval '1 day'
    from generate_series(1, ${customers}) g`);
  await db.execute(sql`
    insert into subscriptions (id, team_id, project_id, customer_id, stripe_subscription_id, status, items, currency, created_at)
    select 'ps_analytics' || g, ${tenant.teamId}, ${tenant.projectId}, 'pc_analytics' || g, 'sub_analytics' || g,
           case when g % 10 < 3 then 'canceled' else 'active' end, '[]'::jsonb,
           case when g % 10 = 9 then 'eur' else 'usd' end, ${start}::timestamptz + (g % 30) * interval '1 day'
    from generate_series(1, ${customers}) g`);
  await db.execute(sql`
    insert into subscription_history (team_id, project_id, subscription_id, customer_id, stripe_event_id, event_type, occurred_at,
      status, items, currency, mrr, cancel_at_period_end, changed_fields)
    select ${tenant.teamId}, ${tenant.projectId}, 'ps_analytics' || g, 'pc_analytics' || g, 'evt_analytics_' || g || '_' || k,
           case when k = 0 then 'customer.subscription.created' when last then 'customer.subscription.deleted' else 'customer.subscription.updated' end,
           ${start}::timestamptz + (g % 30) * interval '1 day' + k * interval '33 days' + (g % 86400) * interval '1 second',
           case when last then 'canceled' else 'active' end,
           jsonb_build_array(jsonb_build_object('stripeItemId', 'si_analytics' || g, 'priceId', null, 'stripePriceId', 'price_analytics' || (g % 3),
             'quantity', quantity, 'unitAmount', unit, 'currency', currency, 'interval', 'month', 'intervalCount', 1)),
           currency, case when last then 0 else unit * quantity end, false, '{}'
    from generate_series(1, ${customers}) g
    cross join generate_series(0, ${rowsPerCustomer - 1}) k
    cross join lateral (select (array[1900, 4900, 9900])[1 + g % 3] as unit, 1 + (g * 7 + k * 13) % 4 as quantity,
                               case when g % 10 = 9 then 'eur' else 'usd' end as currency,
                               k = ${rowsPerCustomer - 1} and g % 10 < 3 as last) v`);
  await db.execute(sql`analyze`);
}

/**
 * The MRR series computed from raw history in one query, as one would without a ledger: each row's change from
 * the subscription's previous row, summed per day, accumulated over all time, read at the end of each day.
 * The daily sums are materialised once: inlined, they would be recomputed from raw history for every day.
 */
function naiveMrrSeries(db: ReturnType<typeof connectDrizzle>['db'], projectId: string, from: string, to: string) {
  return db.execute<{ date: string; mrr: string }>(sql`
    with daily as materialized (
      select day, sum(delta) as delta from (
        select (occurred_at at time zone 'UTC')::date as day,
               mrr - coalesce(lag(mrr) over (partition by subscription_id order by occurred_at, id), 0) as delta
        from subscription_history where project_id = ${projectId} and currency = 'usd'
      ) deltas group by day
    ), levels as (
      select d::date as date, (select coalesce(sum(delta), 0) from daily where daily.day <= d::date) as mrr
      from generate_series(${from}::date, ${to}::date, interval '1 day') d
    )
    select to_char(date, 'YYYY-MM-DD') as date, mrr from levels order by date`);
}

export async function runAnalyticsCase({
  origin,
  tenant,
  databaseUrl,
  seconds,
  scale,
}: {
  origin: string;
  tenant: Tenant;
  databaseUrl: string;
  seconds: number;
  scale: number;
}): Promise<AnalyticsCaseResult> {
  const customers = Math.max(100, Math.round(100_000 * scale));
  const { db, close } = connectDrizzle(databaseUrl);
  try {
    const now = Date.now();
    const yearStart = now - 365 * day;
    const inserting = performance.now();
    await generate(db, tenant, customers, yearStart);
    const insertSeconds = (performance.now() - inserting) / 1000;
    const [project] = (await db.select().from(projects).where(eq(projects.id, tenant.projectId))) as Project[];
    const rebuilding = performance.now();
    // One transaction under the project's analytics lock (no lock per customer), at any number of customers.
    await rebuildAnalytics(db, project);
    const rebuildSeconds = (performance.now() - rebuilding) / 1000;
    // The rebuild wrote a million ledger rows: vacuumed and analysed now, not by autovacuum while the clock runs.
    await db.execute(sql`vacuum analyze`);

    const range = { from: isoDay(yearStart), to: isoDay(now), interval: 'day' as const, currency: 'usd' };
    const query = new URLSearchParams(range).toString();
    const base = `${origin}/api/billstack/teams/${tenant.teamId}/projects/${tenant.projectId}/analytics`;
    const headers = { authorization: `Bearer ${tenant.apiKey}` };
    const paths: [string, string][] = [
      ['mrr', `/mrr?${query}`],
      ['churn', `/churn?${query}`],
      ['customers', `/customers?${query}`],
      ['retention', `/retention?${query}&cohorts=12`],
      ['summary', `/summary?currency=usd`],
      ['export (mrr csv)', `/export?${query}&metric=mrr&format=csv`],
    ];
    const endpoints: Timing[] = [];
    for (const [label, path] of paths) {
      const get = async () => {
        const res = await fetch(`${base}${path}`, { headers });
        if (res.status !== 200) throw new Error(`GET analytics${path}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      };
      // Not measured: the route's first calls load its module, plan its queries and let V8 optimise its code
      // (five calls left the first endpoint measured, whichever it was, the slowest).
      await sample(1, 5, get);
      const durations = await sample(seconds, 20, get);
      endpoints.push(timing(`GET ${label}`, durations));
    }
    const naive = timing('naive SQL MRR series', await sample(seconds, 3, () => naiveMrrSeries(db, tenant.projectId, range.from, range.to)));
    const reported = await mrrReport(db, project, range);
    const naiveSeries = await naiveMrrSeries(db, tenant.projectId, range.from, range.to);
    const naiveMatches =
      naiveSeries.length === reported.series.length && naiveSeries.every((point, i) => point.date === reported.series[i].date && Number(point.mrr) === reported.series[i].mrr);

    // One more change per customer, applied as the webhook path applies it: the history row alone, then the
    // history row with the ledger and rollups, each in its own transaction, on customers not yet touched.
    let next = 0;
    const change = (offset: number) => {
      const g = 1 + (next++ % customers);
      return {
        teamId: tenant.teamId,
        projectId: tenant.projectId,
        subscriptionId: `ps_analytics${g}`,
        customerId: `pc_analytics${g}`,
        stripeEventId: `evt_analytics_extra_${offset}_${g}`,
        eventType: 'customer.subscription.updated',
        occurredAt: new Date(now - 60_000),
        status: 'active',
        items: [{ stripeItemId: `si_analytics${g}`, priceId: null, stripePriceId: 'price_analytics', quantity: 5, unitAmount: 1900, currency: 'usd', interval: 'month', intervalCount: 1 }],
        currency: 'usd',
        cancelAtPeriodEnd: false,
        changedFields: ['items'],
      };
    };
    const appends = Math.max(50, Math.min(500, Math.round(seconds * 50)));
    const plain: number[] = [];
    const withLedger: number[] = [];
    for (let i = 0; i < appends; i++) {
      const row = change(1);
      let started = performance.now();
      await db.transaction(async (tx) => {
        await tx.insert(subscriptionHistory).values({ ...row, mrr: 9500 }).onConflictDoNothing();
      });
      plain.push(performance.now() - started);
      const ledgerRow = change(2);
      started = performance.now();
      await db.transaction((tx) => appendSubscriptionHistory(tx, ledgerRow));
      withLedger.push(performance.now() - started);
    }
    return {
      customers,
      historyRows: customers * rowsPerCustomer,
      insertSeconds,
      rebuildSeconds,
      endpoints,
      naive,
      naiveMatches,
      appendPlain: timing('history row alone', plain),
      appendWithLedger: timing('history row + ledger + rollups', withLedger),
    };
  } finally {
    await close();
  }
}

export function printAnalyticsResults(result: AnalyticsCaseResult, targetP99Ms: number, ledgerTargetMs: number): void {
  const ms = (n: number) => n.toFixed(2);
  console.log(
    `\nanalytics  ${result.customers.toLocaleString('en-US')} customers, ${result.historyRows.toLocaleString('en-US')} history rows: ` +
      `bulk insert ${result.insertSeconds.toFixed(1)} s, ` +
      `rebuildAnalytics ${result.rebuildSeconds.toFixed(1)} s`,
  );
  const naiveP50 = result.naive.p50Ms;
  for (const endpoint of result.endpoints) {
    const verdict = endpoint.p99Ms < targetP99Ms ? 'PASS' : 'MISS';
    console.log(
      `analytics  ${endpoint.label.padEnd(24)} p50 ${ms(endpoint.p50Ms).padStart(8)} ms  p99 ${ms(endpoint.p99Ms).padStart(8)} ms  ` +
        `(${endpoint.samples} calls; naive/endpoint p50 ${(naiveP50 / endpoint.p50Ms).toFixed(1)}×)  target p99 < ${targetP99Ms} ms: ${verdict}`,
    );
  }
  console.log(
    `analytics  ${result.naive.label.padEnd(24)} p50 ${ms(naiveP50).padStart(8)} ms  p99 ${ms(result.naive.p99Ms).padStart(8)} ms  ` +
      `(${result.naive.samples} runs; same series as GET mrr: ${result.naiveMatches ? 'yes' : 'NO'})`,
  );
  const added = result.appendWithLedger.p50Ms - result.appendPlain.p50Ms;
  const addedP99 = result.appendWithLedger.p99Ms - result.appendPlain.p99Ms;
  console.log(
    `analytics  applying one event: ${result.appendPlain.label} p50 ${ms(result.appendPlain.p50Ms)} / p99 ${ms(result.appendPlain.p99Ms)} ms, ` +
      `${result.appendWithLedger.label} p50 ${ms(result.appendWithLedger.p50Ms)} / p99 ${ms(result.appendWithLedger.p99Ms)} ms: ` +
      `ledger + rollups add ${ms(added)} ms at p50, ${ms(addedP99)} ms at p99, target < ${ledgerTargetMs} ms: ${added < ledgerTargetMs ? 'PASS' : 'MISS'}`,
  );
}
