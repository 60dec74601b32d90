import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/components/card';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { formatDate, formatTime } from '@/components/format';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { formatMoney } from '@/components/portal/money';
import { StatusBadge, statusLabel } from '@/components/portal/status-badge';
import { getDb } from '@/db/client';
import { listPrices } from '@/lib/catalog/prices';
import { getCustomer } from '@/lib/customers/service';
import { NotFound } from '@/lib/http/errors';
import { getSubscription, listInvoices, listSubscriptionHistory } from '@/lib/subscriptions/service';
import { subscriptionView } from '@/lib/subscriptions/views';
import { canUse, requireMembership, requireProject } from '../../../../../../access';
import { InvoicesSection, planLabels, PlanList, priceOptions } from '../../billing-tables';
import { PlanChangeForm } from '../plan-change-form';
import { SubscriptionActions } from '../subscription-actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Subscription' };

type Props = { params: Promise<{ teamId: string; projectId: string; subscriptionId: string }> };

// The newest history rows and invoices shown; the API pages through the invoices.
const shown = 50;
const pricesOffered = 100;
const ended = new Set(['canceled', 'incomplete_expired']);

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export default async function SubscriptionPage({ params }: Props) {
  const { teamId, projectId, subscriptionId } = await params;
  const project = await requireProject(teamId, projectId);
  const { role } = await requireMembership(teamId);
  const db = await getDb();
  const row = await getSubscription(db, project, subscriptionId).catch((error) => {
    if (error instanceof NotFound) notFound();
    throw error;
  });
  const subscription = subscriptionView(row);
  const [customer, { history, total: historyCount }, { invoices, total: invoiceCount }, { prices }] = await Promise.all([
    getCustomer(db, project, subscription.customerId).catch(() => null),
    listSubscriptionHistory(db, project, subscription.id, { limit: shown, offset: 0 }),
    listInvoices(db, project, { subscriptionId: subscription.id, limit: shown, offset: 0 }),
    listPrices(db, project, { active: true, limit: pricesOffered, offset: 0 }),
  ]);
  const plans = await planLabels(db, project, [
    ...subscription.items.map((item) => item.priceId),
    ...(subscription.pendingChange?.items ?? []).map((item) => item.priceId),
    ...history.flatMap((change) => change.items.map((item) => item.priceId)),
  ]);
  // A plan change goes to a recurring price in the subscription's currency (Stripe's rule, checked again by the API).
  const changeTo = await priceOptions(
    db,
    project,
    prices.filter((price) => price.interval && price.currency === subscription.currency),
  );
  const projectPage = `/teams/${project.teamId}/projects/${project.id}`;
  const apiPath = `/api/billstack${projectPage}`;
  const isEnded = ended.has(subscription.status);
  return (
    <>
      <Link href={`${projectPage}/subscriptions`} className="text-xs font-medium text-slate-500 hover:text-slate-900">
        ← Subscriptions
      </Link>
      <div className="mt-3">
        <PageHeader
          title="Subscription"
          description={
            <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <StatusBadge status={subscription.status} />
              <span className="font-mono text-xs">{subscription.id}</span>
              <span className="font-mono text-xs">Stripe {subscription.stripeSubscriptionId}</span>
            </span>
          }
        />
      </div>
      <div className="flex flex-col gap-6">
        <Card title="Overview">
          <dl className="grid gap-4 sm:grid-cols-2">
            <Fact label="Customer">
              {customer ? (
                <Link href={`${projectPage}/customers/${customer.id}`} className="wrap-anywhere text-brand-700 hover:underline">
                  {customer.email}
                </Link>
              ) : (
                <span className="font-mono text-xs">{subscription.customerId}</span>
              )}
            </Fact>
            <Fact label="Plan">
              <PlanList items={subscription.items} plans={plans} />
            </Fact>
            <Fact label="Current period">
              {subscription.currentPeriodStart && subscription.currentPeriodEnd
                ? `${formatDate(subscription.currentPeriodStart)} – ${formatDate(subscription.currentPeriodEnd)}`
                : '—'}
            </Fact>
            <Fact label={isEnded ? 'Ended' : subscription.cancelAtPeriodEnd ? 'Cancels on' : 'Renews on'}>
              {isEnded
                ? subscription.endedAt
                  ? formatDate(subscription.endedAt)
                  : '—'
                : subscription.currentPeriodEnd
                  ? formatDate(subscription.currentPeriodEnd)
                  : '—'}
            </Fact>
            {subscription.trialEnd ? <Fact label="Trial ends">{formatDate(subscription.trialEnd)}</Fact> : null}
            {subscription.pendingChange ? (
              <Fact label={`Changes on ${formatDate(subscription.pendingChange.effectiveAt)} to`}>
                <PlanList items={subscription.pendingChange.items} plans={plans} />
              </Fact>
            ) : null}
            {subscription.cancellationReason ? <Fact label="Cancellation reason">{statusLabel(subscription.cancellationReason)}</Fact> : null}
            <Fact label="Started">{formatDate(subscription.createdAt!)}</Fact>
          </dl>
        </Card>
        {isEnded ? (
          <Notice>
            This subscription ended{subscription.endedAt ? ` on ${formatDate(subscription.endedAt)}` : ''}: the customer is no longer billed, and
            Stripe does not bring it back. A new checkout starts a new subscription.
          </Notice>
        ) : null}
        {canUse(role, 'subscriptions:write') && !isEnded ? (
          <>
            <Card title="Cancel or resume" description="Each asks first and says what it means for the customer.">
              <SubscriptionActions apiPath={apiPath} subscription={subscription} />
            </Card>
            <Card title="Change plan" description="Preview what the customer pays, then confirm.">
              <PlanChangeForm apiPath={apiPath} subscriptionId={subscription.id} prices={changeTo} />
            </Card>
          </>
        ) : null}
        <section aria-labelledby="history-heading" className="flex flex-col gap-3">
          <h2 id="history-heading" className="text-base font-semibold text-slate-900">
            History
          </h2>
          {historyCount === 0 ? (
            <EmptyState title="No changes recorded yet">Changes appear as Stripe reports them.</EmptyState>
          ) : (
            <DataTable label="History" columns={['When (UTC)', 'Status', 'Plan', 'MRR', 'Changed']}>
              {history.map((change, index) => (
                <tr key={`${change.occurredAt}-${index}`}>
                  <Cell className="whitespace-nowrap">{change.occurredAt ? formatTime(change.occurredAt) : '—'}</Cell>
                  <Cell>
                    <StatusBadge status={change.status} />
                    {change.cancelAtPeriodEnd ? <p className="mt-1 text-xs text-amber-700">Cancels at period end</p> : null}
                  </Cell>
                  <Cell className="max-w-64">
                    <PlanList items={change.items} plans={plans} />
                  </Cell>
                  <Cell className="whitespace-nowrap">{formatMoney(change.mrr, change.currency)}</Cell>
                  <Cell className="text-xs">{change.changedFields.length > 0 ? change.changedFields.join(', ') : <Muted>created</Muted>}</Cell>
                </tr>
              ))}
            </DataTable>
          )}
          {historyCount > history.length ? <p className="text-xs text-slate-500">The newest {history.length} of {historyCount} changes.</p> : null}
        </section>
        <InvoicesSection invoices={invoices} total={invoiceCount} projectPage={projectPage} />
      </div>
    </>
  );
}
