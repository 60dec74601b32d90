import Link from 'next/link';
import { buttonClasses } from '@/components/button';
import { analyticsIntervals } from '@/lib/analytics/schemas';
import { lastDays, lastMonths, rangeQuery, type AnalyticsRange } from './range';

const presets = [
  { label: '30 days', range: () => ({ ...lastDays(30), interval: 'day' as const }) },
  { label: '90 days', range: () => ({ ...lastDays(90), interval: 'week' as const }) },
  { label: '12 months', range: () => ({ ...lastMonths(12), interval: 'month' as const }) },
];

const field = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm';

/**
 * Date range, interval and currency as a plain GET form: the selection lives in the URL (shareable, and the
 * server renders it), and it works before any script has loaded.
 */
export function RangeControls({ basePath, range, currency, currencies }: { basePath: string; range: AnalyticsRange; currency: string; currencies: string[] }) {
  const options = currencies.includes(currency) ? currencies : [currency, ...currencies];
  return (
    <div className="mb-6 flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <nav aria-label="Range presets" className="flex flex-wrap gap-2">
        {presets.map((preset) => (
          <Link key={preset.label} href={`${basePath}?${rangeQuery({ ...preset.range(), currency: range.currency })}`} className={buttonClasses('secondary', 'py-1')}>
            {preset.label}
          </Link>
        ))}
      </nav>
      <form method="get" action={basePath} className="flex flex-wrap items-end gap-3" aria-label="Analytics range">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          From
          <input type="date" name="from" defaultValue={range.from} className={field} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          To
          <input type="date" name="to" defaultValue={range.to} className={field} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Interval
          <select name="interval" defaultValue={range.interval} className={field}>
            {analyticsIntervals.map((interval) => (
              <option key={interval} value={interval}>
                {interval[0].toUpperCase() + interval.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Currency
          <select name="currency" defaultValue={currency} className={field}>
            {options.map((code) => (
              <option key={code} value={code}>
                {code.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClasses('primary')}>
          Apply
        </button>
      </form>
    </div>
  );
}
