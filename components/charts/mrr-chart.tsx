'use client';

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '@/components/portal/money';
import { compactMoney, formatPointDate } from './format';

/** MRR over time, for the project overview. */
export function MrrChart({ series, currency, interval, height = 240 }: { series: { date: string; mrr: number }[]; currency: string; interval: string; height?: number }) {
  return (
    <div style={{ height }} data-chart="mrr">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="date" tickFormatter={(date: string) => formatPointDate(date, interval)} tick={{ fontSize: 12 }} minTickGap={16} />
          <YAxis tickFormatter={(value: number) => compactMoney(value, currency)} tick={{ fontSize: 12 }} width={56} />
          <Tooltip formatter={(value) => formatMoney(Number(value), currency)} labelFormatter={(date) => formatPointDate(String(date), interval)} />
          <Area type="monotone" dataKey="mrr" name="MRR" stroke="#4f46e5" fill="#e0e7ff" strokeWidth={2} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
