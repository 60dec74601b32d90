import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/components/card';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { FilterBar } from '@/components/filter-bar';
import { formatDate } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { Pager } from '@/components/pager';
import { formatInterval, formatMoney } from '@/components/portal/money';
import { SelectField } from '@/components/select-field';
import { getDb } from '@/db/client';
import { listPrices } from '@/lib/catalog/prices';
import { listProducts } from '@/lib/catalog/products';
import { listProductsQuery } from '@/lib/catalog/schemas';
import { canUse, requireMembership, requireProject } from '../../../../../access';
import { firstParam, listSort, pageFrom, withQuery, type SearchParams } from '../../../../../paging';
import { CreateProductForm } from './product-forms';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Products & prices' };

type Props = {
  params: Promise<{ teamId: string; projectId: string }>;
  searchParams: Promise<SearchParams>;
};

// A product's prices are listed in full up to this many; more is shown as a count.
const pricesPerProduct = 20;
const statusFilters = { active: true, archived: false } as const;

export default async function ProductsPage({ params, searchParams }: Props) {
  const { teamId, projectId } = await params;
  const project = await requireProject(teamId, projectId);
  const { role } = await requireMembership(teamId);
  const { page, limit, offset } = await pageFrom(searchParams);
  const status = firstParam(await searchParams, 'status');
  const active = status === 'active' || status === 'archived' ? statusFilters[status] : undefined;
  const pagePath = `/teams/${project.teamId}/projects/${project.id}`;
  const apiPath = `/api/billstack${pagePath}`;
  const listPath = `${pagePath}/products`;
  const filters = { status: active === undefined ? undefined : status };
  const { sort, query: listQuery, table } = listSort(await searchParams, listProductsQuery.shape.sort, listPath, filters);
  const db = await getDb();
  const { products, total } = await listProducts(db, project, { limit, offset, sort, active });
  const pricesOf = await Promise.all(
    products.map((product) => listPrices(db, project, { productId: product.id, limit: pricesPerProduct, offset: 0 })),
  );
  return (
    <>
      <PageHeader title="Products & prices" description="Newest first, or as sorted by a column header, with each product's prices. Open a product to edit it, archive it or add prices." />
      {canUse(role, 'products:write') ? (
        <div className="mb-6">
          <Card title="New product">
            <CreateProductForm apiPath={apiPath} pagePath={pagePath} />
          </Card>
        </div>
      ) : null}
      <FilterBar
        key={status ?? ''}
        label="Filter products"
        clearHref={withQuery(listPath, { sort: listQuery.sort })}
        active={active !== undefined}
        sort={listQuery.sort}
      >
        <SelectField
          label="Status"
          name="status"
          defaultValue={status ?? ''}
          options={[
            { value: '', label: 'All' },
            { value: 'active', label: 'Active' },
            { value: 'archived', label: 'Archived' },
          ]}
        />
      </FilterBar>
      {total === 0 ? (
        <EmptyState title={active === undefined ? 'No products yet' : 'No products match'}>
          {active === undefined ? 'Create one above, with the API, or in Stripe.' : 'Try another status.'}
        </EmptyState>
      ) : (
        <DataTable label="Products" columns={[{ label: 'Product', sort: 'name' }, 'Status', 'Prices', { label: 'Created', sort: '-created' }]} sort={table}>
          {products.map((product, index) => {
            const { prices, total: priceCount } = pricesOf[index];
            return (
              <tr key={product.id}>
                <Cell className="max-w-xs">
                  <Link href={`${listPath}/${product.id}`} className="font-medium wrap-anywhere text-brand-700 hover:underline">
                    {product.name}
                  </Link>
                  <p className="font-mono text-xs text-slate-500">{product.id}</p>
                </Cell>
                <Cell>{product.active ? <span className="text-emerald-700">Active</span> : <Muted>Archived</Muted>}</Cell>
                <Cell>
                  {prices.length === 0 ? (
                    <Muted>No prices</Muted>
                  ) : (
                    <ul className="flex flex-col gap-1">
                      {prices.map((price) => (
                        <li key={price.id} className={`whitespace-nowrap ${price.active ? '' : 'text-slate-500'}`}>
                          <span className="font-medium">{formatMoney(price.unitAmount, price.currency)}</span>{' '}
                          {price.interval ? formatInterval(price.interval, price.intervalCount) : 'one-time'}
                          {price.active ? null : ' · archived'}
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
      <Pager basePath={withQuery(listPath, listQuery)} page={page} pageSize={limit} total={total} noun="products" />
    </>
  );
}
