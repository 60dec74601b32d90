import { formatMoney } from '@/components/portal/money';
import { formatRate } from './format';

export interface Cohort {
  month: string;
  customers: number;
  mrr: number;
  // null for a cohort without customers (or without MRR): nothing to retain.
  logo: (number | null)[];
  revenue: (number | null)[];
}

/** Retention 0 → white, 1 and above → the brand colour, kept light enough for the dark text to pass AA (4.5:1). */
function shade(retention: number): string {
  const strength = Math.max(0, Math.min(1, retention));
  return `oklch(${(0.98 - strength * 0.3).toFixed(3)} ${(strength * 0.14).toFixed(3)} 275)`;
}

/**
 * The cohort table as a heat map: one row per first paying month, one column per month since, each cell the
 * share retained (customers or revenue). Plain HTML: it scrolls sideways on a phone instead of shrinking.
 */
export function CohortHeatmap({ cohorts, currency, metric }: { cohorts: Cohort[]; currency: string; metric: 'logo' | 'revenue' }) {
  const months = Math.max(0, ...cohorts.map((cohort) => cohort[metric].length));
  return (
    // Focusable, so a keyboard can scroll it sideways on a phone.
    <div
      tabIndex={0}
      role="region"
      aria-label={`Cohort retention by ${metric === 'logo' ? 'customers' : 'revenue'}`}
      className="overflow-x-auto"
      data-chart={`cohorts-${metric}`}
    >
      <table className="min-w-full border-separate border-spacing-0.5 text-xs">
        <thead>
          <tr className="text-slate-500">
            <th scope="col" className="px-2 py-1 text-left font-medium">Cohort</th>
            <th scope="col" className="px-2 py-1 text-right font-medium">Customers</th>
            <th scope="col" className="px-2 py-1 text-right font-medium">MRR</th>
            {Array.from({ length: months }, (_, month) => (
              <th key={month} scope="col" className="px-2 py-1 text-right font-medium">
                M{month}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cohorts.map((cohort) => (
            <tr key={cohort.month}>
              <th scope="row" className="px-2 py-1 text-left font-medium whitespace-nowrap text-slate-700">
                {cohort.month}
              </th>
              <td className="px-2 py-1 text-right text-slate-700">{cohort.customers}</td>
              <td className="px-2 py-1 text-right whitespace-nowrap text-slate-700">{formatMoney(cohort.mrr, currency)}</td>
              {Array.from({ length: months }, (_, month) => {
                const value = cohort[metric][month];
                return value === undefined || value === null ? (
                  <td key={month} />
                ) : (
                  <td key={month} className="rounded px-2 py-1 text-right text-slate-900" style={{ backgroundColor: shade(value) }}>
                    {formatRate(value).replace('.0%', '%')}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
