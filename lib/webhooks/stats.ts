import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { stripeEvents, type Project } from '@/db/schema';
import { addDays, intervalsOf, type WebhookStatsQuery } from '@/lib/analytics/schemas';

const applied = eq(stripeEvents.status, 'applied');
const failed = eq(stripeEvents.status, 'failed');
const countWhere = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;
// From Stripe's creation of the event to our write: delivery, queueing and apply.
const delayMs = sql`extract(epoch from (${stripeEvents.appliedAt} - ${stripeEvents.stripeCreatedAt})) * 1000`;
const delayPercentile = (fraction: number) =>
  sql<number | null>`percentile_cont(${sql.raw(String(fraction))}) within group (order by ${delayMs}) filter (where ${applied})`;

/**
 * A project's webhook events per interval, bucketed by Stripe's `created` (the one clock of the analytics): how
 * many arrived, were applied, failed or wait (`pending` and `processing`), Stripe's redeliveries of them, and the
 * median and 95th percentile of the delay from Stripe's `created` to the apply (null when none was applied). An
 * event belongs to the project whose row it changed (`project_id`, set when it is applied).
 */
export async function webhookStats(db: Executor, project: Project, { from, to, interval }: WebhookStatsQuery) {
  const inRange = and(
    eq(stripeEvents.projectId, project.id),
    // The project id is unique, but every query carries the team as well.
    eq(stripeEvents.teamId, project.teamId),
    gte(stripeEvents.stripeCreatedAt, new Date(`${from}T00:00:00Z`)),
    lt(stripeEvents.stripeCreatedAt, new Date(`${addDays(to, 1)}T00:00:00Z`)),
  );
  // The interval's first day, clipped to the range as `intervalsOf` clips it (Postgres weeks start on Monday too).
  const bucket = sql<string>`to_char(greatest(date_trunc(${interval}, ${stripeEvents.stripeCreatedAt} at time zone 'UTC'), ${from}::timestamp), 'YYYY-MM-DD')`;
  const [rows, byType] = await Promise.all([
    db
      .select({
        date: bucket,
        received: sql<number>`count(*)::int`,
        applied: countWhere(applied),
        failed: countWhere(failed),
        pending: countWhere(inArray(stripeEvents.status, ['pending', 'processing'])),
        duplicates: sql<number>`coalesce(sum(${stripeEvents.duplicates}), 0)::int`,
        p50DelayMs: delayPercentile(0.5),
        p95DelayMs: delayPercentile(0.95),
      })
      .from(stripeEvents)
      .where(inRange)
      .groupBy(sql`1`),
    db
      .select({ type: stripeEvents.type, received: sql<number>`count(*)::int`, failed: countWhere(failed) })
      .from(stripeEvents)
      .where(inRange)
      .groupBy(stripeEvents.type)
      .orderBy(sql`2 desc`, stripeEvents.type),
  ]);
  const byDate = new Map(rows.map((row) => [row.date, row]));
  const series = intervalsOf(from, to, interval).map(({ date }) => {
    const row = byDate.get(date);
    const delay = (value: number | null | undefined) => (value === null || value === undefined ? null : Math.round(Number(value)));
    return {
      date,
      received: row?.received ?? 0,
      applied: row?.applied ?? 0,
      failed: row?.failed ?? 0,
      pending: row?.pending ?? 0,
      duplicates: row?.duplicates ?? 0,
      p50DelayMs: delay(row?.p50DelayMs),
      p95DelayMs: delay(row?.p95DelayMs),
    };
  });
  return { series, byType };
}
