import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/components/card';
import { CsvLink } from '@/components/csv-link';
import { ChurnChart } from '@/components/charts/churn-chart';
import { CohortHeatmap } from '@/components/charts/cohort-heatmap';
import { CustomersChart } from '@/components/charts/customers-chart';
import { MrrMovementsChart } from '@/components/charts/mrr-movements-chart';
import { EmptyState } from '@/components/empty-state';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { formatMoney } from '@/components/portal/money';
import { getDb } from '@/db/client';
import { analyticsCurrencies } from '@/lib/analytics/currencies';
import { churnReport, customersReport, mrrReport, retentionReport } from '@/lib/analytics/service';
import { BadRequest } from '@/lib/http/errors';
import { requireProject } from '../../../../../access';
import { RangeControls } from './range-controls';
import { rangeFrom, rangeQuery, type SearchParams } from './range';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Analytics' };

type Props = { params: Promise<{ teamId: string; projectId: string }>; searchParams: SearchParams };

export default async function AnalyticsPage({ params, searchParams }: Props) {
  const { teamId, projectId } = await params;
  const project = await requireProject(teamId, projectId);
  const range = await rangeFrom(searchParams);
  const basePath = `/teams/${project.teamId}/projects/${project.id}/analytics`;
  const db = await getDb();
  let reports;
  try {
    reports = await Promise.all([
      mrrReport(db, project, range),
      churnReport(db, project, range),
      customersReport(db, project, range),
      retentionReport(db, project, { ...range, cohorts: 12 }),
      analyticsCurrencies(db, project),
    ]);
  } catch (error) {
    // A hand-edited URL: say which value is wrong, and offer the default view.
    if (!(error instanceof BadRequest)) throw error;
    return (
      <>
        <PageHeader title="Analytics" />
        <Notice>
          This range cannot be shown: {error.message}.{' '}
          <Link href={basePath} className="font-medium text-brand-700 underline">
            Show the last 12 months
          </Link>
        </Notice>
      </>
    );
  }
  const [mrr, churn, customers, retention, currencies] = reports;
  const { currency } = mrr;
  const exportBase = `/api/billstack/teams/${project.teamId}/projects/${project.id}/analytics/export`;
  const csv = (metric: string) => `${exportBase}?${rangeQuery({ ...range, currency }, { metric, format: 'csv' })}`;
  const empty = currencies.length === 0 && customers.total === 0;
  return (
    <>
      <PageHeader
        title="Analytics"
        description={`MRR, churn, customers and cohorts in ${currency.toUpperCase()}, on Stripe's clock.`}
        actions={
          <div className="flex flex-wrap gap-2">
            {(['mrr', 'churn', 'customers'] as const).map((metric) => (
              <CsvLink key={metric} href={csv(metric)} label={`${metric === 'mrr' ? 'MRR' : metric[0].toUpperCase() + metric.slice(1)} CSV`} />
            ))}
          </div>
        }
      />
      <RangeControls basePath={basePath} range={range} currency={currency} currencies={currencies} />
      {empty ? (
        <EmptyState title="No revenue data yet">
          Figures appear as subscriptions start. Connect Stripe on the team&apos;s Stripe page, or import an existing account with a sync.
        </EmptyState>
      ) : (
        <div className="flex flex-col gap-6">
          <Card title="MRR movements" description={`MRR now ${formatMoney(mrr.current, currency)} · ARR ${formatMoney(mrr.arr, currency)}`}>
            <MrrMovementsChart series={mrr.series} currency={currency} interval={range.interval} />
          </Card>
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <Card title="Churn rates" description="Share of customers and of MRR lost per interval.">
              <ChurnChart series={churn.series} interval={range.interval} />
            </Card>
            <Card title="Customer growth" description={`${customers.total} customers · ${customers.paying} paying · ${customers.trialing} trialing`}>
              <CustomersChart series={customers.series} interval={range.interval} />
            </Card>
          </div>
          <Card title="Revenue retention by cohort" description={`Cohorts by first paying month. Quick ratio over the range: ${retention.quickRatio === null ? '—' : retention.quickRatio.toFixed(2)}`}>
            <CohortHeatmap cohorts={retention.cohorts} currency={currency} metric="revenue" />
          </Card>
          <Card title="Customer retention by cohort" description="Share of each cohort still paying, month by month.">
            <CohortHeatmap cohorts={retention.cohorts} currency={currency} metric="logo" />
          </Card>
        </div>
      )}
    </>
  );
}
