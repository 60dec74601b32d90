import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { CsvLink } from '@/components/csv-link';
import { FilterBar } from '@/components/filter-bar';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import { Pager } from '@/components/pager';
import { statusLabel } from '@/components/portal/status-badge';
import { SelectField } from '@/components/select-field';
import { getDb } from '@/db/client';
import { listPrices } from '@/lib/catalog/prices';
import { listSubscriptionsQuery, subscriptionStatuses } from '@/lib/subscriptions/schemas';
import { listSubscriptions } from '@/lib/subscriptions/service';
import { requireProject } from '../../../../../access';
import { listSort, pageFrom, paramsOf, withQuery, type SearchParams } from '../../../../../paging';
import { customerEmails, planLabels, priceOptions, SubscriptionsTable } from '../billing-tables';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Subscriptions' };

type Props = {
  params: Promise<{ teamId: string; projectId: string }>;
  searchParams: Promise<SearchParams>;
};

const filterNames = ['status', 'priceId', 'customerId'] as const;
// Prices offered in the filter, newest first.
const pricesOffered = 100;

export default async function SubscriptionsPage({ params, searchParams }: Props) {
  const { teamId, projectId } = await params;
  const project = await requireProject(teamId, projectId);
  const { page, limit, offset } = await pageFrom(searchParams);
  const filters = paramsOf(await searchParams, filterNames);
  const projectPage = `/teams/${project.teamId}/projects/${project.id}`;
  const listPath = `${projectPage}/subscriptions`;
  const { sort, query: listQuery, table } = listSort(await searchParams, listSubscriptionsQuery.shape.sort, listPath, filters);
  // The API's own query schema reads the URL, so the list filters and sorts exactly as GET /subscriptions does.
  const query = listSubscriptionsQuery.safeParse({ ...filters, sort, limit, offset });
  const db = await getDb();
  const [{ subscriptions, total }, { prices }] = await Promise.all([
    query.success ? listSubscriptions(db, project, query.data) : { subscriptions: [], total: 0 },
    listPrices(db, project, { limit: pricesOffered, offset: 0 }),
  ]);
  const [customers, plans, options] = await Promise.all([
    customerEmails(db, project, subscriptions.map((subscription) => subscription.customerId)),
    planLabels(
      db,
      project,
      subscriptions.flatMap((subscription) => subscription.items.map((item) => item.priceId)),
    ),
    priceOptions(db, project, prices),
  ]);
  const filtered = filterNames.some((name) => filters[name] !== undefined);
  return (
    <>
      <PageHeader
        title="Subscriptions"
        description="Newest first or as sorted by a column header, as last synced from Stripe. Open one for its history and actions."
        actions={<CsvLink href={withQuery(`/api/billstack${listPath}/export`, listQuery)} label="Export CSV" />}
      />
      <FilterBar
        key={JSON.stringify(filters)}
        label="Filter subscriptions"
        clearHref={withQuery(listPath, { sort: listQuery.sort })}
        active={filtered}
        sort={listQuery.sort}
      >
        <SelectField
          label="Status"
          name="status"
          defaultValue={filters.status ?? ''}
          options={[{ value: '', label: 'Any' }, ...subscriptionStatuses.map((status) => ({ value: status, label: statusLabel(status) }))]}
        />
        <SelectField
          label="Price"
          name="priceId"
          defaultValue={filters.priceId ?? ''}
          className="max-w-full"
          options={[{ value: '', label: 'Any' }, ...options]}
        />
        {filters.customerId ? <input type="hidden" name="customerId" value={filters.customerId} /> : null}
      </FilterBar>
      {!query.success ? (
        <FormError message="These filters cannot be used." />
      ) : total === 0 ? (
        <EmptyState title={filtered ? 'No subscriptions match' : 'No subscriptions yet'}>
          {filtered ? 'Try other filters or clear them.' : 'They appear here when customers subscribe through checkout or in Stripe.'}
        </EmptyState>
      ) : (
        <SubscriptionsTable subscriptions={subscriptions} plans={plans} customers={customers} projectPage={projectPage} sort={table} />
      )}
      <Pager basePath={withQuery(listPath, listQuery)} page={page} pageSize={limit} total={total} noun="subscriptions" />
    </>
  );
}
