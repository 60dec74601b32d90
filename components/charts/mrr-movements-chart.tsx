'use client';

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '@/components/portal/money';
import { compactMoney, formatPointDate } from './format';

export interface MrrPoint {
  date: string;
  mrr: number;
  new: number;
  expansion: number;
  contraction: number;
  churned: number;
  reactivation: number;
}

// Gains stack above zero, losses below: one bar per point reads as the month's net movement.
const movements = [
  { key: 'new', name: 'New', color: '#4f46e5' },
  { key: 'expansion', name: 'Expansion', color: '#16a34a' },
  { key: 'reactivation', name: 'Reactivation', color: '#0891b2' },
  { key: 'contraction', name: 'Contraction', color: '#f59e0b' },
  { key: 'churned', name: 'Churned', color: '#dc2626' },
] as const;

/** MRR movements per point as stacked bars, with the MRR at the end of each point as a line. */
export function MrrMovementsChart({ series, currency, interval, height = 320 }: { series: MrrPoint[]; currency: string; interval: string; height?: number }) {
  const money = (value: unknown) => formatMoney(Number(value), currency);
  return (
    <div style={{ height }} data-chart="mrr-movements">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={series} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="date" tickFormatter={(date: string) => formatPointDate(date, interval)} tick={{ fontSize: 12 }} minTickGap={16} />
          <YAxis yAxisId="movements" tickFormatter={(value: number) => compactMoney(value, currency)} tick={{ fontSize: 12 }} width={56} />
          <YAxis yAxisId="mrr" orientation="right" tickFormatter={(value: number) => compactMoney(value, currency)} tick={{ fontSize: 12 }} width={56} />
          <Tooltip formatter={money} labelFormatter={(date) => formatPointDate(String(date), interval)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine yAxisId="movements" y={0} stroke="#94a3b8" />
          {movements.map((movement) => (
            <Bar
              key={movement.key}
              yAxisId="movements"
              dataKey={movement.key}
              name={movement.name}
              stackId="movements"
              fill={movement.color}
              isAnimationActive={false}
            />
          ))}
          <Line yAxisId="mrr" type="monotone" dataKey="mrr" name="MRR" stroke="#0f172a" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
