import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { FilterBar } from '@/components/filter-bar';
import { PageHeader } from '@/components/page-header';
import { Pager } from '@/components/pager';
import { statusLabel } from '@/components/portal/status-badge';
import { SelectField } from '@/components/select-field';
import { getDb } from '@/db/client';
import { isId } from '@/lib/http/ids';
import { invoiceSort } from '@/lib/subscriptions/schemas';
import { listInvoices } from '@/lib/subscriptions/service';
import { requireProject } from '../../../../../access';
import { firstParam, listSort, pageFrom, withQuery, type SearchParams } from '../../../../../paging';
import { customerEmails, InvoicesTable } from '../billing-tables';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Invoices' };

type Props = {
  params: Promise<{ teamId: string; projectId: string }>;
  searchParams: Promise<SearchParams>;
};

// Stripe's invoice statuses.
const invoiceStatuses = ['draft', 'open', 'paid', 'uncollectible', 'void'];

export default async function InvoicesPage({ params, searchParams }: Props) {
  const { teamId, projectId } = await params;
  const project = await requireProject(teamId, projectId);
  const { page, limit, offset } = await pageFrom(searchParams);
  const raw = await searchParams;
  const status = invoiceStatuses.find((known) => known === firstParam(raw, 'status'));
  const customerParam = firstParam(raw, 'customerId');
  const customerId = customerParam && isId('customer', customerParam) ? customerParam : undefined;
  const projectPage = `/teams/${project.teamId}/projects/${project.id}`;
  const listPath = `${projectPage}/invoices`;
  const { sort, query: listQuery, table } = listSort(raw, invoiceSort, listPath, { status, customerId });
  const db = await getDb();
  const { invoices, total } = await listInvoices(db, project, { limit, offset, sort, status, customerId });
  const customers = await customerEmails(db, project, invoices.map((invoice) => invoice.customerId));
  const filtered = status !== undefined || customerId !== undefined;
  return (
    <>
      <PageHeader title="Invoices" description="Newest first or as sorted by a column header, as mirrored from Stripe; each opens Stripe's hosted invoice page." />
      <FilterBar
        key={`${status}-${customerId}`}
        label="Filter invoices"
        clearHref={withQuery(listPath, { sort: listQuery.sort })}
        active={filtered}
        sort={listQuery.sort}
      >
        <SelectField
          label="Status"
          name="status"
          defaultValue={status ?? ''}
          options={[{ value: '', label: 'Any' }, ...invoiceStatuses.map((value) => ({ value, label: statusLabel(value) }))]}
        />
        {customerId ? <input type="hidden" name="customerId" value={customerId} /> : null}
      </FilterBar>
      {total === 0 ? (
        <EmptyState title={filtered ? 'No invoices match' : 'No invoices yet'}>
          {filtered ? 'Try another status or clear the filters.' : 'Stripe invoices each subscription payment; they appear here.'}
        </EmptyState>
      ) : (
        <InvoicesTable invoices={invoices} customers={customers} projectPage={projectPage} sort={table} />
      )}
      <Pager basePath={withQuery(listPath, listQuery)} page={page} pageSize={limit} total={total} noun="invoices" />
    </>
  );
}
