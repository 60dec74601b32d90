import { z } from 'zod';

export const analyticsIntervals = ['day', 'week', 'month'] as const;
export type AnalyticsInterval = (typeof analyticsIntervals)[number];
export const exportMetrics = ['mrr', 'churn', 'customers'] as const;

/** The most points one answer carries. */
export const maxPoints = 1000;
const dayMs = 86_400_000;

export const isoDay = (time: Date) => time.toISOString().slice(0, 10);
export const addDays = (day: string, days: number) => isoDay(new Date(Date.parse(day) + days * dayMs));

/** The first day of the interval (UTC calendar week from Monday, calendar month) that holds `day`. */
export function intervalStart(day: string, interval: AnalyticsInterval): string {
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  if (interval === 'week') return addDays(day, -((new Date(day).getUTCDay() + 6) % 7));
  return day;
}

/** The day after the interval that starts on `start`. */
export function nextIntervalStart(start: string, interval: AnalyticsInterval): string {
  if (interval === 'day') return addDays(start, 1);
  if (interval === 'week') return addDays(start, 7);
  const date = new Date(start);
  return isoDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)));
}

/** The intervals of a range, calendar-aligned and clipped to it: `date` is each one's first day in the range. */
export function intervalsOf(from: string, to: string, interval: AnalyticsInterval): { date: string; last: string }[] {
  const points: { date: string; last: string }[] = [];
  for (let date = from; date <= to; ) {
    const next = nextIntervalStart(intervalStart(date, interval), interval);
    const last = addDays(next, -1);
    points.push({ date, last: last < to ? last : to });
    if (points.length > maxPoints) break;
    date = next;
  }
  return points;
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
  else if (intervalsOf(from, to, query.interval).length > maxPoints) {
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
