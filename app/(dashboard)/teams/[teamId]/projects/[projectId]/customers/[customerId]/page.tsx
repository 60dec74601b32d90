import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/components/card';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { formatDate } from '@/components/format';
import { StatusBadge } from '@/components/portal/status-badge';
import { PageHeader } from '@/components/page-header';
import { getDb, type Database } from '@/db/client';
import type { Project } from '@/db/schema';
import { listPrices } from '@/lib/catalog/prices';
import { getCustomer } from '@/lib/customers/service';
import { NotFound } from '@/lib/http/errors';
import { customerEmails } from '@/lib/referrals/queries';
import { listReferralCodes, listReferrals } from '@/lib/referrals/service';
import { findConnection } from '@/lib/stripe/connection';
import { listCustomerInvoices, listCustomerSubscriptions } from '@/lib/subscriptions/service';
import { canUse, requireMembership, requireProject } from '../../../../../../access';
import { SuccessNote } from '../../../../../../confirm-action';
import { firstParam, type SearchParams } from '../../../../../../paging';
import { InvoicesSection, planLabels, priceOptions, SubscriptionsTable } from '../../billing-tables';
import { EditCustomerForm } from '../customer-forms';
import { CheckoutLinkForm, PortalLinkForm } from './link-forms';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Customer' };

type Props = {
  params: Promise<{ teamId: string; projectId: string; customerId: string }>;
  searchParams: Promise<SearchParams>;
};

// The newest of each are shown here; the lists pages and the API page through all of them.
const shown = 25;
// Prices offered for a checkout link: the active ones, newest first, up to this many.
const offered = 100;

export default async function CustomerPage({ params, searchParams }: Props) {
  const { teamId, projectId, customerId } = await params;
  const project = await requireProject(teamId, projectId);
  const { role } = await requireMembership(teamId);
  const db = await getDb();
  const customer = await getCustomer(db, project, customerId).catch((error) => {
    if (error instanceof NotFound) notFound();
    throw error;
  });
  const [{ subscriptions, total: subscriptionCount }, { invoices, total: invoiceCount }, { prices }, referral, connection] = await Promise.all([
    listCustomerSubscriptions(db, project, customer.id, { limit: shown, offset: 0 }),
    listCustomerInvoices(db, project, customer.id, { limit: shown, offset: 0 }),
    listPrices(db, project, { active: true, limit: offered, offset: 0 }),
    customerReferrals(db, project, customer.id),
    findConnection(db, project.teamId),
  ]);
  const [plans, checkoutPrices] = await Promise.all([
    planLabels(
      db,
      project,
      subscriptions.flatMap((subscription) => subscription.items.map((item) => item.priceId)),
    ),
    priceOptions(db, project, prices),
  ]);
  const projectPage = `/teams/${project.teamId}/projects/${project.id}`;
  const apiPath = `/api/billstack${projectPage}`;
  const justCreated = firstParam(await searchParams, 'created') === '1';
  return (
    <>
      <Link href={`${projectPage}/customers`} className="text-xs font-medium text-slate-500 hover:text-slate-900">
        ← Customers
      </Link>
      <div className="mt-3">
        <PageHeader
          title={customer.name ?? customer.email}
          description={
            <span className="flex flex-wrap gap-x-3 gap-y-1">
              {customer.name ? <span className="wrap-anywhere">{customer.email}</span> : null}
              <span className="font-mono text-xs leading-5">{customer.id}</span>
              <a
                href={`https://dashboard.stripe.com/${connection?.livemode ? '' : 'test/'}customers/${customer.stripeCustomerId}`}
                target="_blank"
                rel="noreferrer"
                className="font-mono text-xs leading-5 text-brand-700 hover:underline"
              >
                Stripe {customer.stripeCustomerId}
              </a>
              <span>Created {formatDate(customer.createdAt)}</span>
            </span>
          }
        />
      </div>
      {justCreated ? (
        <div className="mb-6">
          <SuccessNote>Customer created, in Stripe too.</SuccessNote>
        </div>
      ) : null}
      <div className="flex flex-col gap-6">
        <section aria-labelledby="subscriptions-heading" className="flex flex-col gap-3">
          <h2 id="subscriptions-heading" className="text-base font-semibold text-slate-900">
            Subscriptions
          </h2>
          {subscriptionCount === 0 ? (
            <EmptyState title="No subscriptions">Send a checkout link below to start one.</EmptyState>
          ) : (
            <SubscriptionsTable
              subscriptions={subscriptions}
              plans={plans}
              projectPage={projectPage}
              actionsApi={canUse(role, 'subscriptions:write') ? apiPath : undefined}
            />
          )}
          {subscriptionCount > subscriptions.length ? (
            <Link href={`${projectPage}/subscriptions?customerId=${customer.id}`} className="text-sm text-brand-700 hover:underline">
              All {subscriptionCount} subscriptions
            </Link>
          ) : null}
          <p className="text-xs text-slate-500">Open a subscription for its history and to change its plan.</p>
        </section>
        <InvoicesSection invoices={invoices} total={invoiceCount} projectPage={projectPage} allHref={`${projectPage}/invoices?customerId=${customer.id}`} />
        {referral ? <ReferralSection {...referral} projectPage={projectPage} customerId={customer.id} /> : null}
        {canUse(role, 'checkout:write') ? (
          <Card title="Checkout link" description="A Stripe Checkout page for this customer and one price, to send them; its expiry is shown once created.">
            <CheckoutLinkForm apiPath={apiPath} customerId={customer.id} prices={checkoutPrices} />
          </Card>
        ) : null}
        {canUse(role, 'portal:write') ? (
          <Card title="Portal link" description="The hosted billing portal, where the customer cancels, resumes or switches plans themselves.">
            <PortalLinkForm apiPath={apiPath} customerId={customer.id} />
          </Card>
        ) : null}
        {canUse(role, 'customers:write') ? (
          <Card title="Profile">
            <EditCustomerForm apiPath={apiPath} customer={{ id: customer.id, email: customer.email, name: customer.name }} />
          </Card>
        ) : null}
      </div>
    </>
  );
}

/** The customer's part in the referral program: their codes, who referred them, whom they brought in; null if none. */
async function customerReferrals(db: Database, project: Project, customerId: string) {
  const [codes, referredBy, broughtIn] = await Promise.all([
    listReferralCodes(db, project, { customerId, limit: shown, offset: 0 }),
    listReferrals(db, project, { refereeCustomerId: customerId, limit: 1, offset: 0 }),
    listReferrals(db, project, { referrerCustomerId: customerId, limit: shown, offset: 0 }),
  ]);
  if (codes.total === 0 && referredBy.total === 0 && broughtIn.total === 0) return null;
  const others = [...referredBy.referrals.map((r) => r.referrerCustomerId), ...broughtIn.referrals.map((r) => r.refereeCustomerId)];
  return { codes: codes.referralCodes, referredBy: referredBy.referrals[0] ?? null, broughtIn, emails: await customerEmails(db, project, others) };
}

function ReferralSection({
  codes,
  referredBy,
  broughtIn,
  emails,
  projectPage,
  customerId,
}: NonNullable<Awaited<ReturnType<typeof customerReferrals>>> & { projectPage: string; customerId: string }) {
  const customerLink = (id: string) => (
    <Link href={`${projectPage}/customers/${id}`} className="text-brand-700 hover:underline">
      {emails.get(id) ?? id}
    </Link>
  );
  return (
    <Card title="Referrals">
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">Their code</dt>
          <dd className="font-mono text-slate-900">
            {codes.length === 0 ? <Muted>none yet</Muted> : codes.map((code) => `${code.code} (${code.redemptions} used${code.active ? '' : ', inactive'})`).join(', ')}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Referred by</dt>
          <dd className="text-slate-900">
            {referredBy ? (
              <>
                {customerLink(referredBy.referrerCustomerId)} with <span className="font-mono">{referredBy.code}</span>{' '}
                <StatusBadge status={referredBy.status} />
              </>
            ) : (
              <Muted>nobody</Muted>
            )}
          </dd>
        </div>
      </dl>
      {broughtIn.total > 0 ? (
        <div className="mt-4">
          <DataTable label="Customers they brought in" columns={['Customer', 'Code', 'Status', 'Created']}>
            {broughtIn.referrals.map((referral) => (
              <tr key={referral.id}>
                <Cell>{customerLink(referral.refereeCustomerId)}</Cell>
                <Cell className="font-mono text-xs">{referral.code}</Cell>
                <Cell>
                  <StatusBadge status={referral.status} />
                </Cell>
                <Cell className="whitespace-nowrap">{formatDate(referral.createdAt!)}</Cell>
              </tr>
            ))}
          </DataTable>
          {broughtIn.total > broughtIn.referrals.length ? (
            <Link href={`${projectPage}/referrals?referrer=${customerId}`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
              All {broughtIn.total} referrals
            </Link>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
