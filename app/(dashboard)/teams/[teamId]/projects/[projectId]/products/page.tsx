import type { Metadata } from 'next';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { formatDate } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { Pager } from '@/components/pager';
import { formatInterval, formatMoney } from '@/components/portal/money';
import { getDb } from '@/db/client';
import { listPrices } from '@/lib/catalog/prices';
import { listProducts } from '@/lib/catalog/products';
import { requireProject } from '../../../../../access';
import { pageFrom } from '../../../../../paging';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Products & prices' };

type Props = {
  params: Promise<{ teamId: string; projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// A product's prices are listed in full up to this many; more is shown as a count.
const pricesPerProduct = 20;

export default async function ProductsPage({ params, searchParams }: Props) {
  const { teamId, projectId } = await params;
  const project = await requireProject(teamId, projectId);
  const { page, limit, offset } = await pageFrom(searchParams);
  const db = await getDb();
  const { products, total } = await listProducts(db, project, { limit, offset });
  const pricesOf = await Promise.all(
    products.map((product) => listPrices(db, project, { productId: product.id, limit: pricesPerProduct, offset: 0 })),
  );
  return (
    <>
      <PageHeader title="Products & prices" description="Newest first, with each product's prices." />
      {total === 0 ? (
        <EmptyState title="No products yet">Create them with the API or in Stripe.</EmptyState>
      ) : (
        <DataTable label="Products" columns={['Product', 'Status', 'Prices', 'Created']}>
          {products.map((product, index) => {
            const { prices, total: priceCount } = pricesOf[index];
            return (
              <tr key={product.id}>
                <Cell>
                  <p className="font-medium text-slate-900">{product.name}</p>
                  <p className="font-mono text-xs text-slate-500">{product.id}</p>
                </Cell>
                <Cell>{product.active ? <span className="text-emerald-700">Active</span> : <Muted>Archived</Muted>}</Cell>
                <Cell>
                  {prices.length === 0 ? (
                    <Muted>No prices</Muted>
                  ) : (
                    <ul className="flex flex-col gap-1">
                      {prices.map((price) => (
                        <li key={price.id} className={price.active ? '' : 'text-slate-400'}>
                          <span className="font-medium">{formatMoney(price.unitAmount, price.currency)}</span>{' '}
                          {price.interval ? formatInterval(price.interval, price.intervalCount) : 'one-time'}
                          {price.nickname ? <span className="text-slate-500"> · {price.nickname}</span> : null}
                          {price.active ? null : ' · inactive'}
                        </li>
                      ))}
                      {priceCount > prices.length ? (
                        <li className="text-xs text-slate-500">and {priceCount - prices.length} more</li>
                      ) : null}
                    </ul>
                  )}
                </Cell>
                <Cell className="whitespace-nowrap">{formatDate(product.createdAt)}</Cell>
              </tr>
            );
          })}
        </DataTable>
      )}
      <Pager basePath={`/teams/${project.teamId}/projects/${project.id}/products`} page={page} pageSize={limit} total={total} noun="products" />
    </>
  );
}
