import type { AnalyticsInterval } from '@/lib/analytics/schemas';
import { firstParam, type SearchParams as Params } from '../../../../../paging';

export type SearchParams = Promise<Params>;

export interface AnalyticsRange {
  from: string;
  to: string;
  interval: AnalyticsInterval;
  currency?: string;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The last `months` calendar months up to today (UTC), from the first of the earliest one. */
export function lastMonths(months: number, today = new Date()): { from: string; to: string } {
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - (months - 1), 1));
  return { from: isoDay(from), to: isoDay(today) };
}

export function lastDays(days: number, today = new Date()): { from: string; to: string } {
  return { from: isoDay(new Date(today.getTime() - (days - 1) * 86_400_000)), to: isoDay(today) };
}

/**
 * The page's range from the URL. Without one the page shows the last 12 months by month, so a first visit sees
 * the year; values are passed on unchecked, and the analytics services answer bad ones with the field's name.
 */
export async function rangeFrom(searchParams: SearchParams): Promise<AnalyticsRange> {
  const params = await searchParams;
  const defaults = lastMonths(12);
  const interval = firstParam(params, 'interval') ?? 'month';
  return {
    from: firstParam(params, 'from') ?? defaults.from,
    to: firstParam(params, 'to') ?? defaults.to,
    interval: interval as AnalyticsInterval,
    currency: firstParam(params, 'currency'),
  };
}

/** The page's query string for a range (the CSV links and presets keep the rest of the selection). */
export function rangeQuery(range: AnalyticsRange, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ from: range.from, to: range.to, interval: range.interval, ...(range.currency ? { currency: range.currency } : {}), ...extra });
  return query.toString();
}
