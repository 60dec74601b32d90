import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/components/card';
import { CsvLink } from '@/components/csv-link';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { FilterBar } from '@/components/filter-bar';
import { FormError } from '@/components/form-error';
import { formatDate } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { Pager } from '@/components/pager';
import { SelectField } from '@/components/select-field';
import { TextField } from '@/components/text-field';
import { getDb } from '@/db/client';
import { listCustomersQuery } from '@/lib/customers/schemas';
import { listCustomers } from '@/lib/customers/service';
import { canUse, requireMembership, requireProject } from '../../../../../access';
import { listSort, pageFrom, paramsOf, withQuery, type SearchParams } from '../../../../../paging';
import { CreateCustomerForm } from './customer-forms';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Customers' };

type Props = {
  params: Promise<{ teamId: string; projectId: string }>;
  searchParams: Promise<SearchParams>;
};

const filterNames = ['q', 'hasActiveSubscription', 'createdFrom', 'createdTo'] as const;

export default async function CustomersPage({ params, searchParams }: Props) {
  const { teamId, projectId } = await params;
  const project = await requireProject(teamId, projectId);
  const { role } = await requireMembership(teamId);
  const { page, limit, offset } = await pageFrom(searchParams);
  const filters = paramsOf(await searchParams, filterNames);
  const pagePath = `/teams/${project.teamId}/projects/${project.id}`;
  const listPath = `${pagePath}/customers`;
  const { sort, query: listQuery, table } = listSort(await searchParams, listCustomersQuery.shape.sort, listPath, filters);
  // The API's own query schema reads the URL, so the list filters and sorts exactly as GET /customers does.
  const query = listCustomersQuery.safeParse({ ...filters, sort, limit, offset });
  const { customers, total } = query.success ? await listCustomers(await getDb(), project, query.data) : { customers: [], total: 0 };
  const filtered = filterNames.some((name) => filters[name] !== undefined);
  return (
    <>
      <PageHeader
        title="Customers"
        description="Newest first, or as sorted by a column header. Customers are created here, through the API, by checkout, or in Stripe."
        actions={<CsvLink href={withQuery(`/api/billstack${listPath}/export`, listQuery)} label="Export CSV" />}
      />
      {canUse(role, 'customers:write') ? (
        <div className="mb-6">
          <Card title="New customer">
            <CreateCustomerForm apiPath={`/api/billstack${pagePath}`} pagePath={pagePath} />
          </Card>
        </div>
      ) : null}
      <FilterBar
        key={JSON.stringify(filters)}
        label="Search customers"
        clearHref={withQuery(listPath, { sort: listQuery.sort })}
        active={filtered}
        sort={listQuery.sort}
      >
        <TextField label="Search email or name" name="q" type="search" defaultValue={filters.q} maxLength={200} className="w-full sm:w-64" />
        <SelectField
          label="Subscription"
          name="hasActiveSubscription"
          defaultValue={filters.hasActiveSubscription ?? ''}
          options={[
            { value: '', label: 'Any' },
            { value: 'true', label: 'Has a live subscription' },
            { value: 'false', label: 'No live subscription' },
          ]}
        />
        <TextField label="Created from" name="createdFrom" type="date" defaultValue={filters.createdFrom} />
        <TextField label="Created to" name="createdTo" type="date" defaultValue={filters.createdTo} />
      </FilterBar>
      <p className="-mt-2 mb-4 text-xs text-slate-500">A live subscription is active, trialing or past due. Dates are UTC days, both included.</p>
      {!query.success ? (
        <FormError
          message={
            query.error.issues[0].code === 'custom'
              ? 'These filters cannot be used: check that “Created to” is not before “Created from”.'
              : 'These filters cannot be used: dates are days such as 2026-01-31, and a search is at most 200 characters.'
          }
        />
      ) : total === 0 ? (
        <EmptyState title={filtered ? 'No customers match' : 'No customers yet'}>
          {filtered ? 'Try other filters or clear them.' : 'Create one above, with the API, or let checkout create them.'}
        </EmptyState>
      ) : (
        <DataTable
          label="Customers"
          columns={[{ label: 'Email', sort: 'email' }, 'Name', 'Stripe ID', { label: 'Created', sort: '-created' }]}
          sort={table}
        >
          {customers.map((customer) => (
            <tr key={customer.id} className="hover:bg-slate-50">
              <Cell className="max-w-64">
                <Link href={`${listPath}/${customer.id}`} className="font-medium wrap-anywhere text-brand-700 hover:underline">
                  {customer.email}
                </Link>
              </Cell>
              <Cell className="max-w-48 wrap-anywhere">{customer.name ?? <Muted>—</Muted>}</Cell>
              <Cell className="font-mono text-xs">{customer.stripeCustomerId}</Cell>
              <Cell className="whitespace-nowrap">{formatDate(customer.createdAt)}</Cell>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager basePath={withQuery(listPath, listQuery)} page={page} pageSize={limit} total={total} noun="customers" />
    </>
  );
}
