'use client';

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPointDate } from './format';

export interface CustomersPoint {
  date: string;
  new: number;
  total: number;
  paying: number;
  trialing: number;
}

/** Customer growth: sign-ups per point as bars, total, paying and trialing customers as lines. */
export function CustomersChart({ series, interval, height = 260 }: { series: CustomersPoint[]; interval: string; height?: number }) {
  return (
    <div style={{ height }} data-chart="customers">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="date" tickFormatter={(date: string) => formatPointDate(date, interval)} tick={{ fontSize: 12 }} minTickGap={16} />
          <YAxis yAxisId="count" allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
          <YAxis yAxisId="new" orientation="right" allowDecimals={false} tick={{ fontSize: 12 }} width={32} />
          <Tooltip labelFormatter={(date) => formatPointDate(String(date), interval)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="new" dataKey="new" name="New" fill="#c7d2fe" isAnimationActive={false} />
          <Line yAxisId="count" type="monotone" dataKey="total" name="Total" stroke="#0f172a" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line yAxisId="count" type="monotone" dataKey="paying" name="Paying" stroke="#16a34a" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line yAxisId="count" type="monotone" dataKey="trialing" name="Trialing" stroke="#0891b2" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
