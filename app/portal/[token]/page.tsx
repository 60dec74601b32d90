import type { Metadata } from 'next';
import { Card } from '@/components/card';
import { EmptyState } from '@/components/empty-state';
import { formatDate } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { LinkRefused } from '@/components/portal/link-refused';
import { formatInterval, formatMoney } from '@/components/portal/money';
import { PortalFrame } from '@/components/portal/portal-frame';
import { StatusBadge } from '@/components/portal/status-badge';
import { getDb } from '@/db/client';
import { customerReferralProgram } from '@/lib/referrals/service';
import { listPortalInvoices, listPortalPlans, listPortalSubscriptions, openPortal, type PortalPlan, type PortalSubscription } from '@/lib/portal/service';
import { ManagePaymentButton } from './manage-payment-button';
import { PlanSwitcher } from './plan-switcher';
import { ReferralPanel } from './referral-panel';
import { SubscriptionActions } from './subscription-actions';

export const dynamic = 'force-dynamic';

// The token in the address is the customer's key: keep the page out of search engines and Referer headers.
export const metadata: Metadata = { title: 'Billing', robots: { index: false, follow: false }, referrer: 'no-referrer' };

const recentInvoices = 24;

function planLine(item: Pick<PortalSubscription['items'][number], 'productName' | 'unitAmount' | 'currency' | 'quantity' | 'interval' | 'intervalCount'>): string {
  const name = item.productName ?? 'Subscription';
  if (item.unitAmount === null || item.currency === null) return name;
  const amount = formatMoney(item.unitAmount, item.currency);
  const each = item.quantity > 1 ? `${item.quantity} × ${amount}` : amount;
  return `${name} · ${item.interval ? `${each} ${formatInterval(item.interval, item.intervalCount)}` : each}`;
}

function periodLine(subscription: PortalSubscription): string | null {
  if (subscription.endedAt) return `Ended on ${formatDate(subscription.endedAt)}`;
  if (subscription.cancelAtPeriodEnd && subscription.currentPeriodEnd) return `Cancels on ${formatDate(subscription.currentPeriodEnd)}`;
  if (subscription.status === 'trialing' && subscription.trialEnd) return `Trial ends on ${formatDate(subscription.trialEnd)}`;
  return subscription.currentPeriodEnd ? `Renews on ${formatDate(subscription.currentPeriodEnd)}` : null;
}

function pendingChangeLine({ pendingChange }: PortalSubscription): string | null {
  if (!pendingChange) return null;
  return `Changes to ${pendingChange.items.map(planLine).join(', ')} on ${formatDate(pendingChange.effectiveAt)}`;
}

function SubscriptionRow({ token, subscription, plans }: { token: string; subscription: PortalSubscription; plans: PortalPlan[] }) {
  const titleId = `subscription-${subscription.id}`;
  const period = periodLine(subscription);
  const pendingChange = pendingChangeLine(subscription);
  return (
    <li className="flex flex-wrap items-start justify-between gap-4 px-5 py-4">
      <div className="min-w-0">
        <div className="flex items-center gap-2">
          <h3 id={titleId} className="font-medium text-slate-900">
            {subscription.items.map(planLine).join(', ')}
          </h3>
          <StatusBadge status={subscription.status} />
        </div>
        {period ? <p className="mt-1 text-sm text-slate-500">{period}</p> : null}
        {pendingChange ? <p className="mt-1 text-sm text-slate-500">{pendingChange}</p> : null}
      </div>
      {subscription.endedAt ? null : (
        <div className="flex flex-col items-start gap-2 sm:items-end">
          <PlanSwitcher token={token} subscriptionId={subscription.id} plans={plans} describedBy={titleId} />
          <SubscriptionActions
            token={token}
            subscriptionId={subscription.id}
            cancelAtPeriodEnd={subscription.cancelAtPeriodEnd}
            periodEnd={subscription.currentPeriodEnd && formatDate(subscription.currentPeriodEnd)}
            describedBy={titleId}
          />
        </div>
      )}
    </li>
  );
}

export default async function PortalPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const access = await openPortal(db, token);
  if (!access.valid) return <LinkRefused reason={access.code} />;
  const { customer, project, portal } = access;
  const [{ subscriptions }, { invoices, total: invoiceTotal }, referralProgram] = await Promise.all([
    listPortalSubscriptions(db, access, { limit: 100, offset: 0 }),
    listPortalInvoices(db, access, { limit: recentInvoices, offset: 0 }),
    customerReferralProgram(db, project, customer, { returnUrl: portal.returnUrl }),
  ]);
  // A switch replaces the one plan of a subscription (several items are the merchant's to change), and a
  // subscription set to end is resumed before its plan changes.
  const switchable = (subscription: PortalSubscription) => !subscription.endedAt && !subscription.cancelAtPeriodEnd && subscription.items.length === 1;
  const plansBySubscription = new Map(
    await Promise.all(
      subscriptions.map(async (subscription) => [subscription.id, switchable(subscription) ? await listPortalPlans(db, access, subscription.id) : []] as const),
    ),
  );

  return (
    <PortalFrame merchant={project.name}>
      <PageHeader
        title="Billing"
        description={customer.name ? `${customer.name} · ${customer.email}` : customer.email}
        actions={
          portal.returnUrl ? (
            <a href={portal.returnUrl} className="text-sm font-medium text-brand-600 hover:text-brand-700">
              ← Back to {new URL(portal.returnUrl).host}
            </a>
          ) : null
        }
      />
      <div className="flex flex-col gap-6">
        <section aria-labelledby="subscriptions-heading">
          <h2 id="subscriptions-heading" className="mb-3 text-base font-semibold text-slate-900">
            Subscriptions
          </h2>
          {subscriptions.length === 0 ? (
            <EmptyState title="No subscriptions" />
          ) : (
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm">
              {subscriptions.map((subscription) => (
                <SubscriptionRow key={subscription.id} token={token} subscription={subscription} plans={plansBySubscription.get(subscription.id) ?? []} />
              ))}
            </ul>
          )}
        </section>

        {referralProgram ? <ReferralPanel program={referralProgram} /> : null}

        <Card title="Payment methods" description="Add or change the card you pay with, or update your billing details.">
          <ManagePaymentButton token={token} />
        </Card>

        <section aria-labelledby="invoices-heading">
          <h2 id="invoices-heading" className="mb-3 text-base font-semibold text-slate-900">
            Invoices
          </h2>
          {invoices.length === 0 ? (
            <EmptyState title="No invoices yet" />
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
              <table className="w-full text-left text-sm">
                <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="px-5 py-2.5">Number</th>
                    <th scope="col" className="px-5 py-2.5">Date</th>
                    <th scope="col" className="px-5 py-2.5 text-right">Amount</th>
                    <th scope="col" className="px-5 py-2.5">Status</th>
                    <th scope="col" className="px-5 py-2.5">
                      <span className="sr-only">Link</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200">
                  {invoices.map((invoice) => (
                    <tr key={invoice.id}>
                      <td className="px-5 py-3 font-mono text-xs text-slate-700">{invoice.number ?? '—'}</td>
                      <td className="px-5 py-3 text-slate-700">{formatDate(invoice.createdAt)}</td>
                      <td className="px-5 py-3 text-right tabular-nums text-slate-900">{formatMoney(invoice.total, invoice.currency)}</td>
                      <td className="px-5 py-3">
                        <StatusBadge status={invoice.status} />
                      </td>
                      <td className="px-5 py-3 text-right">
                        {invoice.hostedInvoiceUrl ? (
                          <a href={invoice.hostedInvoiceUrl} className="font-medium text-brand-600 hover:text-brand-700">
                            View<span className="sr-only"> invoice {invoice.number ?? ''}</span>
                          </a>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {invoiceTotal > invoices.length ? (
            <p className="mt-2 text-xs text-slate-500">
              Showing the {invoices.length} most recent of {invoiceTotal} invoices.
            </p>
          ) : null}
        </section>
      </div>
    </PortalFrame>
  );
}
