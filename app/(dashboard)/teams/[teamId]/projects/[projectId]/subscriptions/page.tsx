import type { Metadata } from 'next';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { formatDate } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { Pager } from '@/components/pager';
import { formatInterval, formatMoney } from '@/components/portal/money';
import { StatusBadge } from '@/components/portal/status-badge';
import { getDb } from '@/db/client';
import type { Project } from '@/db/schema';
import { getPrice } from '@/lib/catalog/prices';
import { getCustomer } from '@/lib/customers/service';
import { NotFound } from '@/lib/http/errors';
import { listSubscriptions } from '@/lib/subscriptions/service';
import { requireProject } from '../../../../../access';
import { pageFrom } from '../../../../../paging';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Subscriptions' };

type Props = {
  params: Promise<{ teamId: string; projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Looks each id up once; a deleted customer or price shows as its id. */
async function lookup<T>(ids: (string | null)[], get: (id: string) => Promise<T>): Promise<Map<string, T>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const found = await Promise.all(
    unique.map((id) =>
      get(id).catch((error) => {
        if (error instanceof NotFound) return null;
        throw error;
      }),
    ),
  );
  return new Map(unique.flatMap((id, index) => (found[index] === null ? [] : [[id, found[index] as T]])));
}

export default async function SubscriptionsPage({ params, searchParams }: Props) {
  const { teamId, projectId } = await params;
  const project: Project = await requireProject(teamId, projectId);
  const { page, limit, offset } = await pageFrom(searchParams);
  const db = await getDb();
  const { subscriptions, total } = await listSubscriptions(db, project, { limit, offset });
  const [customers, prices] = await Promise.all([
    lookup(
      subscriptions.map((subscription) => subscription.customerId),
      (id) => getCustomer(db, project, id),
    ),
    lookup(
      subscriptions.flatMap((subscription) => subscription.items.map((item) => item.priceId)),
      (id) => getPrice(db, project, id),
    ),
  ]);
  return (
    <>
      <PageHeader title="Subscriptions" description="Newest first, as last synced from Stripe." />
      {total === 0 ? (
        <EmptyState title="No subscriptions yet">They appear here when customers subscribe through checkout or in Stripe.</EmptyState>
      ) : (
        <DataTable label="Subscriptions" columns={['Customer', 'Status', 'Items', 'Current period ends', 'Cancels at period end']}>
          {subscriptions.map((subscription) => {
            const customer = customers.get(subscription.customerId);
            return (
              <tr key={subscription.id}>
                <Cell>
                  {customer ? (
                    <p className="font-medium text-slate-900">{customer.email}</p>
                  ) : (
                    <p className="font-mono text-xs">{subscription.customerId}</p>
                  )}
                  <p className="font-mono text-xs text-slate-500">{subscription.id}</p>
                </Cell>
                <Cell>
                  <StatusBadge status={subscription.status} />
                </Cell>
                <Cell>
                  <ul className="flex flex-col gap-1">
                    {subscription.items.map((item, index) => {
                      const price = item.priceId ? prices.get(item.priceId) : undefined;
                      return (
                        <li key={`${item.stripePriceId}-${index}`}>
                          {price ? (
                            <>
                              {formatMoney(price.unitAmount, price.currency)}{' '}
                              {price.interval ? formatInterval(price.interval, price.intervalCount) : 'one-time'}
                            </>
                          ) : (
                            <span className="font-mono text-xs">{item.priceId ?? item.stripePriceId}</span>
                          )}
                          {item.quantity !== 1 ? <span className="text-slate-500"> × {item.quantity}</span> : null}
                        </li>
                      );
                    })}
                  </ul>
                </Cell>
                <Cell className="whitespace-nowrap">
                  {subscription.currentPeriodEnd ? formatDate(subscription.currentPeriodEnd) : <Muted>—</Muted>}
                </Cell>
                <Cell>{subscription.cancelAtPeriodEnd ? <span className="text-amber-700">Yes</span> : 'No'}</Cell>
              </tr>
            );
          })}
        </DataTable>
      )}
      <Pager
        basePath={`/teams/${project.teamId}/projects/${project.id}/subscriptions`}
        page={page}
        pageSize={limit}
        total={total}
        noun="subscriptions"
      />
    </>
  );
}
