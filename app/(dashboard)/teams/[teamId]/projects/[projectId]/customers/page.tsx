import type { Metadata } from 'next';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { formatDate } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { Pager } from '@/components/pager';
import { getDb } from '@/db/client';
import { listCustomers } from '@/lib/customers/service';
import { requireProject } from '../../../../../access';
import { pageFrom } from '../../../../../paging';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Customers' };

type Props = {
  params: Promise<{ teamId: string; projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function CustomersPage({ params, searchParams }: Props) {
  const { teamId, projectId } = await params;
  const project = await requireProject(teamId, projectId);
  const { page, limit, offset } = await pageFrom(searchParams);
  const { customers, total } = await listCustomers(await getDb(), project, { limit, offset });
  return (
    <>
      <PageHeader title="Customers" description="Newest first. Customers are created through the API, checkout, or in Stripe." />
      {total === 0 ? (
        <EmptyState title="No customers yet">Create them with the API or let checkout create them.</EmptyState>
      ) : (
        <DataTable label="Customers" columns={['Email', 'Name', 'Stripe ID', 'Created']}>
          {customers.map((customer) => (
            <tr key={customer.id}>
              <Cell className="font-medium text-slate-900">{customer.email}</Cell>
              <Cell>{customer.name ?? <Muted>—</Muted>}</Cell>
              <Cell className="font-mono text-xs">{customer.stripeCustomerId ?? <Muted>Not synced</Muted>}</Cell>
              <Cell className="whitespace-nowrap">{formatDate(customer.createdAt)}</Cell>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager basePath={`/teams/${project.teamId}/projects/${project.id}/customers`} page={page} pageSize={limit} total={total} noun="customers" />
    </>
  );
}
