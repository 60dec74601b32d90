import { minorUnitsPerMajor } from '@/components/portal/money';

/** Axis ticks: compact major units ("$1.2K", "€90"), so labels stay short at phone width. */
export function compactMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency: currency.toUpperCase(),
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(amount / minorUnitsPerMajor(currency.toLowerCase()));
}

/** A fraction as a percentage (0.052 → "5.2%"); "—" when there was nothing to measure against. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** "2026-11-01" → "Nov 1" (day or week points) or "Nov 2026" (month points); always UTC. */
export function formatPointDate(date: string, interval: string): string {
  const options: Intl.DateTimeFormatOptions =
    interval === 'month' ? { month: 'short', year: 'numeric', timeZone: 'UTC' } : { month: 'short', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat('en', options).format(new Date(`${date}T00:00:00Z`));
}
