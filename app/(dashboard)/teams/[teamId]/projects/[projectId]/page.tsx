import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/button';
import { Card } from '@/components/card';
import { formatRate } from '@/components/charts/format';
import { MrrChart } from '@/components/charts/mrr-chart';
import { Checklist } from '@/components/checklist';
import { formatDate, formatTime } from '@/components/format';
import { KpiCard } from '@/components/kpi-card';
import { PageHeader } from '@/components/page-header';
import { WebhookHealthBanner } from '@/components/webhook-health-banner';
import { WebhookStatus } from '@/components/webhook-status';
import { formatMoney } from '@/components/portal/money';
import { getDb, type Executor } from '@/db/client';
import type { Project } from '@/db/schema';
import { historyImportView, latestHistoryImport } from '@/lib/analytics/import';
import { mrrReport, summaryReport } from '@/lib/analytics/service';
import { projectHasApiKey } from '@/lib/api-keys/service';
import { listPrices } from '@/lib/catalog/prices';
import { countFailingWebhookEndpoints } from '@/lib/outgoing-webhooks/endpoints';
import { findConnection } from '@/lib/stripe/connection';
import { listWebhookEvents, webhookHealth } from '@/lib/webhooks/log';
import { canManage, requireMembership, requireProject } from '../../../../access';
import { lastMonths } from './analytics/range';
import { ImportProgress } from './import-progress';

export const dynamic = 'force-dynamic';

type Params = Promise<{ teamId: string; projectId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { teamId, projectId } = await params;
  return { title: (await requireProject(teamId, projectId)).name };
}

const recentEventCount = 5;

/** The getting-started steps, each ticked from the project's data rather than remembered. */
async function gettingStarted(db: Executor, project: Project, connected: boolean) {
  const [{ total: prices }, hasKey, { total: checkouts }] = await Promise.all([
    listPrices(db, project, { limit: 1, offset: 0 }),
    projectHasApiKey(db, project),
    listWebhookEvents(db, { teamId: project.teamId, projectId: project.id, type: 'checkout.session.completed', limit: 1, offset: 0 }),
  ]);
  const team = `/teams/${project.teamId}`;
  const base = `${team}/projects/${project.id}`;
  return [
    { label: 'Connect Stripe', done: connected, href: `${team}/stripe`, hint: 'Paste a secret key; BillStack registers its webhook endpoint.' },
    { label: 'Create a price', done: prices > 0, href: `${base}/products`, hint: 'A product with a one-time or recurring price.' },
    { label: 'Create an API key', done: hasKey, href: `${team}/api-keys`, hint: 'For your backend, with this project in its reach.' },
    { label: 'Complete a first checkout', done: checkouts > 0, href: `${base}/customers`, hint: 'Send a customer a checkout link and pay it.' },
  ];
}

export default async function ProjectOverviewPage({ params }: { params: Params }) {
  const { teamId, projectId } = await params;
  const project = await requireProject(teamId, projectId);
  const db = await getDb();
  const [membership, connection] = await Promise.all([requireMembership(teamId), findConnection(db, project.teamId)]);
  const manager = canManage(membership.role);
  const [checklist, { events }] = await Promise.all([
    gettingStarted(db, project, connection !== null),
    listWebhookEvents(db, { teamId: project.teamId, projectId: project.id, limit: recentEventCount, offset: 0 }),
  ]);
  const setup = (
    <Card title="Getting started">
      <Checklist label="Getting started" items={checklist} />
    </Card>
  );
  return (
    <>
      <PageHeader title={project.name} description="Project overview" />
      <div className="flex flex-col gap-6">
        {connection ? (
          <ConnectedOverview project={project} manager={manager} />
        ) : (
          <section aria-labelledby="connect-heading" className="rounded-lg border border-brand-100 bg-brand-50 p-5">
            <h2 id="connect-heading" className="text-base font-semibold text-slate-900">
              Connect Stripe to start billing
            </h2>
            <p className="mt-1 text-sm text-slate-700">
              Customers, prices, checkout and analytics all run through the team&apos;s Stripe account.
              {manager ? '' : ' Ask an owner or admin of the team to connect it.'}
            </p>
            {manager ? (
              <Link href={`/teams/${project.teamId}/stripe`} className={buttonClasses('primary', 'mt-4')}>
                Connect Stripe
              </Link>
            ) : null}
          </section>
        )}
        {setup}
        <Card title="Recent events" description="The latest Stripe events applied to this project.">
          {events.length === 0 ? (
            <p className="text-sm text-slate-500">No events yet.</p>
          ) : (
            <ul aria-label="Recent events" className="divide-y divide-slate-100 text-sm">
              {events.map((event) => (
                <li key={event.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2">
                  {manager ? (
                    <Link href={`/teams/${project.teamId}/webhooks/${event.id}`} className="font-mono text-xs font-medium break-all text-brand-700 hover:underline">
                      {event.type}
                    </Link>
                  ) : (
                    <span className="font-mono text-xs break-all text-slate-900">{event.type}</span>
                  )}
                  <span className="flex items-center gap-3 text-xs text-slate-500">
                    {formatTime(event.receivedAt)}
                    <WebhookStatus status={event.status} />
                  </span>
                </li>
              ))}
            </ul>
          )}
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

/** With Stripe connected: the figures GET analytics/summary serves, the MRR chart, and what needs attention. */
async function ConnectedOverview({ project, manager }: { project: Project; manager: boolean }) {
  const db = await getDb();
  const [summary, job, health, failingEndpoints] = await Promise.all([
    summaryReport(db, project),
    latestHistoryImport(db, project),
    webhookHealth(db, project.teamId),
    countFailingWebhookEndpoints(db, project),
  ]);
  const mrr = await mrrReport(db, project, { ...lastMonths(12), interval: 'month', currency: summary.currency });
  const money = (amount: number | null) => (amount === null ? '—' : formatMoney(amount, summary.currency));
  const base = `/teams/${project.teamId}/projects/${project.id}`;
  return (
    <>
      <WebhookHealthBanner teamId={project.teamId} health={health} canOpenLog={manager} />
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
    </>
  );
}
