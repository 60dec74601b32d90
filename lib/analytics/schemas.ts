import { z } from 'zod';

export const analyticsIntervals = ['day', 'week', 'month'] as const;
export type AnalyticsInterval = (typeof analyticsIntervals)[number];
export const exportMetrics = ['mrr', 'churn', 'customers'] as const;

/** The most points one answer carries. */
export const maxPoints = 1000;
const dayMs = 86_400_000;

export const isoDay = (time: Date) => time.toISOString().slice(0, 10);
export const addDays = (day: string, days: number) => isoDay(new Date(Date.parse(day) + days * dayMs));

/** The time of the day after the interval holding the day at `time` (a UTC midnight). */
function nextIntervalTime(time: number, interval: AnalyticsInterval): number {
  if (interval === 'day') return time + dayMs;
  const date = new Date(time);
  if (interval === 'week') return time + (7 - ((date.getUTCDay() + 6) % 7)) * dayMs;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/**
 * The intervals of a range, calendar-aligned and clipped to it: `date` is each one's first day in the range.
 * Stepped in milliseconds, each day formatted once: a year by day is built several times per request.
 */
export function intervalsOf(from: string, to: string, interval: AnalyticsInterval): { date: string; last: string }[] {
  const points: { date: string; last: string }[] = [];
  const end = Date.parse(to);
  for (let time = Date.parse(from); time <= end; ) {
    const next = nextIntervalTime(time, interval);
    const date = points.length === 0 ? from : isoDay(new Date(time));
    const last = next - dayMs;
    points.push({ date, last: last >= end ? to : last === time ? date : isoDay(new Date(last)) });
    if (points.length > maxPoints) break;
    time = next;
  }
  return points;
}

/** How many intervals `intervalsOf` gives for a range, without building them. */
export function intervalCount(from: string, to: string, interval: AnalyticsInterval): number {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (end < start) return 0;
  if (interval === 'day') return (end - start) / dayMs + 1;
  if (interval === 'week') return (nextIntervalTime(end, 'week') - nextIntervalTime(start, 'week')) / (7 * dayMs) + 1;
  const [first, last] = [new Date(start), new Date(end)];
  return (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + last.getUTCMonth() - first.getUTCMonth() + 1;
}

const day = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
const currency = z.string().regex(/^[a-z]{3}$/, 'must be a lowercase ISO currency code');

const rangeFields = {
  from: day.optional(),
  to: day.optional(),
  interval: z.enum(analyticsIntervals).default('day'),
  currency: currency.optional(),
};

interface RangeInput {
  from?: string;
  to?: string;
  interval: AnalyticsInterval;
}

/** The range the caller named, or the last 30 days (by the wall clock: see `mrrReport` on Stripe's clock). */
function withDefaultRange<T extends RangeInput>(query: T, ctx: z.RefinementCtx): T & { from: string; to: string } {
  const to = query.to ?? query.from ?? isoDay(new Date());
  const from = query.from ?? addDays(to, -29);
  if (from > to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before "from"' });
  else if (intervalCount(from, to, query.interval) > maxPoints) {
    ctx.addIssue({ code: 'custom', path: ['interval'], message: `the range has more than ${maxPoints} points at this interval` });
  }
  return { ...query, from, to };
}

/** `from`/`to` inclusive UTC days, `interval`, and `currency` (default: the project's main currency). */
export const analyticsQuery = z.object(rangeFields).strict().transform(withDefaultRange);
export type AnalyticsQuery = z.infer<typeof analyticsQuery>;
export type AnalyticsQueryInput = z.input<typeof analyticsQuery>;

/** Cohorts of the last `cohorts` months up to the month of `to`; the quick ratio over `from`..`to`. */
export const retentionQuery = z
  .object({ ...rangeFields, cohorts: z.coerce.number().int().min(1).max(120).default(12) })
  .strict()
  .transform(withDefaultRange);
export type RetentionQuery = z.infer<typeof retentionQuery>;

/** The 30-day figures of the summary end on `to` (default today). */
export const summaryQuery = analyticsQuery;
export type SummaryQuery = AnalyticsQuery;

/** The webhook stats take the range and interval alone: events have no currency. */
export const webhookStatsQuery = z
  .object({ from: rangeFields.from, to: rangeFields.to, interval: rangeFields.interval })
  .strict()
  .transform(withDefaultRange);
export type WebhookStatsQuery = z.infer<typeof webhookStatsQuery>;

export const exportQuery = z
  .object({ ...rangeFields, metric: z.enum(exportMetrics), format: z.literal('csv').default('csv') })
  .strict()
  .transform(withDefaultRange);
export type ExportQuery = z.infer<typeof exportQuery>;
