'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPointDate, formatRate } from './format';

export interface ChurnPoint {
  date: string;
  customerChurnRate: number | null;
  grossMrrChurnRate: number | null;
  netMrrChurnRate: number | null;
}

const rates = [
  { key: 'customerChurnRate', name: 'Customer churn', color: '#dc2626' },
  { key: 'grossMrrChurnRate', name: 'Gross MRR churn', color: '#f59e0b' },
  { key: 'netMrrChurnRate', name: 'Net MRR churn', color: '#4f46e5' },
] as const;

/** Churn rates per point; a point with nothing to churn from (rate null) leaves a gap. */
export function ChurnChart({ series, interval, height = 260 }: { series: ChurnPoint[]; interval: string; height?: number }) {
  return (
    <div style={{ height }} data-chart="churn">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="date" tickFormatter={(date: string) => formatPointDate(date, interval)} tick={{ fontSize: 12 }} minTickGap={16} />
          <YAxis tickFormatter={(value: number) => formatRate(value)} tick={{ fontSize: 12 }} width={48} />
          <Tooltip formatter={(value) => formatRate(value === null || value === undefined ? null : Number(value))} labelFormatter={(date) => formatPointDate(String(date), interval)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {rates.map((rate) => (
            <Line key={rate.key} type="monotone" dataKey={rate.key} name={rate.name} stroke={rate.color} strokeWidth={2} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
