import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/components/card';
import { formatRate } from '@/components/charts/format';
import { MrrChart } from '@/components/charts/mrr-chart';
import { formatDate } from '@/components/format';
import { KpiCard } from '@/components/kpi-card';
import { PageHeader } from '@/components/page-header';
import { WebhookHealthBanner } from '@/components/webhook-health-banner';
import { formatMoney } from '@/components/portal/money';
import { getDb } from '@/db/client';
import { historyImportView, latestHistoryImport } from '@/lib/analytics/import';
import { mrrReport, summaryReport } from '@/lib/analytics/service';
import { countFailingWebhookEndpoints } from '@/lib/outgoing-webhooks/endpoints';
import { webhookHealth } from '@/lib/webhooks/log';
import { canManage, requireMembership, requireProject } from '../../../../access';
import { lastMonths } from './analytics/range';
import { ImportProgress } from './import-progress';

export const dynamic = 'force-dynamic';

type Params = Promise<{ teamId: string; projectId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { teamId, projectId } = await params;
  return { title: (await requireProject(teamId, projectId)).name };
}

export default async function ProjectOverviewPage({ params }: { params: Params }) {
  const { teamId, projectId } = await params;
  const project = await requireProject(teamId, projectId);
  const db = await getDb();
  const [summary, job, health, membership, failingEndpoints] = await Promise.all([
    summaryReport(db, project),
    latestHistoryImport(db, project),
    webhookHealth(db, project.teamId),
    requireMembership(teamId),
    countFailingWebhookEndpoints(db, project),
  ]);
  const mrr = await mrrReport(db, project, { ...lastMonths(12), interval: 'month', currency: summary.currency });
  const money = (amount: number | null) => (amount === null ? '—' : formatMoney(amount, summary.currency));
  const base = `/teams/${project.teamId}/projects/${project.id}`;
  return (
    <>
      <PageHeader title={project.name} description="Project overview" />
      <WebhookHealthBanner teamId={project.teamId} health={health} canOpenLog={canManage(membership.role)} />
      <div className="flex flex-col gap-6">
        {job ? <ImportProgress job={historyImportView(job)} /> : null}
        {failingEndpoints > 0 ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            {failingEndpoints === 1 ? 'A webhook endpoint was' : `${failingEndpoints} webhook endpoints were`} disabled after failing for three days.{' '}
            <Link href={`${base}/webhooks`} className="font-medium underline">
              See Webhooks
            </Link>
          </p>
        ) : null}
        <section aria-label="Key figures" className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <KpiCard label="MRR" value={money(summary.mrr)} note={`+${money(summary.newMrr30d)} new in 30 days`} />
          <KpiCard label="ARR" value={money(summary.arr)} />
          <KpiCard label="Paying customers" value={String(summary.payingCustomers)} note={`${summary.trialingSubscriptions} trialing`} />
          <KpiCard label="Churn rate" value={formatRate(summary.customerChurnRate30d)} note="customers, last 30 days" />
          <KpiCard label="ARPA" value={money(summary.arpa)} note="MRR per paying customer" />
          <KpiCard label="Quick ratio" value={summary.quickRatio30d === null ? '—' : summary.quickRatio30d.toFixed(2)} note="gained ÷ lost MRR, 30 days" />
        </section>
        <Card title="MRR, last 12 months" description={`In ${summary.currency.toUpperCase()}.`}>
          <MrrChart series={mrr.series} currency={summary.currency} interval="month" />
          <Link href={`${base}/analytics`} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
            All analytics →
          </Link>
        </Card>
        <Card title="Details">
          <dl className="grid grid-cols-1 gap-4 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-500">Project ID</dt>
            <dd className="font-mono break-all text-slate-900">{project.id}</dd>
            <dt className="text-slate-500">Team ID</dt>
            <dd className="font-mono break-all text-slate-900">{project.teamId}</dd>
            <dt className="text-slate-500">Created</dt>
            <dd className="text-slate-900">{formatDate(project.createdAt)}</dd>
          </dl>
        </Card>
      </div>
    </>
  );
}
