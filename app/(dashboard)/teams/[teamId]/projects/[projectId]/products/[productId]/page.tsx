import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/components/card';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { formatDate } from '@/components/format';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { formatInterval, formatMoney } from '@/components/portal/money';
import { getDb } from '@/db/client';
import { listPrices } from '@/lib/catalog/prices';
import { getProduct } from '@/lib/catalog/products';
import { priceLimits } from '@/lib/catalog/schemas';
import { NotFound } from '@/lib/http/errors';
import { canUse, requireMembership, requireProject } from '../../../../../../access';
import { ConfirmAction, SuccessNote } from '../../../../../../confirm-action';
import { firstParam, type SearchParams } from '../../../../../../paging';
import { AddPriceForm } from '../price-form';
import { EditProductForm } from '../product-forms';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Product' };

type Props = {
  params: Promise<{ teamId: string; projectId: string; productId: string }>;
  searchParams: Promise<SearchParams>;
};

// The newest prices are listed up to this many; the rest are counted (the API lists them all).
const pricesShown = 100;

export default async function ProductPage({ params, searchParams }: Props) {
  const { teamId, projectId, productId } = await params;
  const project = await requireProject(teamId, projectId);
  const { role } = await requireMembership(teamId);
  const db = await getDb();
  const product = await getProduct(db, project, productId).catch((error) => {
    if (error instanceof NotFound) notFound();
    throw error;
  });
  const { prices, total } = await listPrices(db, project, { productId: product.id, limit: pricesShown, offset: 0 });
  const apiPath = `/api/billstack/teams/${project.teamId}/projects/${project.id}`;
  const listPath = `/teams/${project.teamId}/projects/${project.id}/products`;
  const canWrite = canUse(role, 'products:write');
  const justCreated = firstParam(await searchParams, 'created') === '1';
  return (
    <>
      <Link href={listPath} className="text-xs font-medium text-slate-500 hover:text-slate-900">
        ← Products & prices
      </Link>
      <div className="mt-3">
        <PageHeader
          title={product.name}
          description={
            <span className="flex flex-wrap gap-x-3 gap-y-1">
              {product.active ? <span className="text-emerald-700">Active</span> : <span className="text-slate-600">Archived</span>}
              <span className="font-mono text-xs leading-5">{product.id}</span>
              <span className="font-mono text-xs leading-5">Stripe {product.stripeProductId}</span>
              <span>Created {formatDate(product.createdAt)}</span>
            </span>
          }
        />
      </div>
      {justCreated ? (
        <div className="mb-6">
          <SuccessNote>Product created. Add its first price below.</SuccessNote>
        </div>
      ) : null}
      {product.description ? <p className="mb-6 max-w-prose text-sm wrap-anywhere whitespace-pre-line text-slate-700">{product.description}</p> : null}
      <div className="flex flex-col gap-6">
        <section aria-labelledby="prices-heading" className="flex flex-col gap-3">
          <h2 id="prices-heading" className="text-base font-semibold text-slate-900">
            Prices
          </h2>
          {total === 0 ? (
            <EmptyState title="No prices yet">{canWrite ? 'Add one below; customers subscribe to a price.' : 'An admin can add one.'}</EmptyState>
          ) : (
            <DataTable label="Prices" columns={canWrite ? ['Amount', 'Billing', 'Trial', 'Status', 'Actions'] : ['Amount', 'Billing', 'Trial', 'Status']}>
              {prices.map((price) => {
                const amount = formatMoney(price.unitAmount, price.currency);
                const billing = price.interval ? formatInterval(price.interval, price.intervalCount) : 'one-time';
                return (
                  <tr key={price.id}>
                    <Cell>
                      <p className="font-medium whitespace-nowrap text-slate-900">{amount}</p>
                      {price.nickname ? <p className="max-w-48 text-xs wrap-anywhere text-slate-500">{price.nickname}</p> : null}
                      <p className="font-mono text-xs text-slate-500">{price.id}</p>
                    </Cell>
                    <Cell className="whitespace-nowrap">{billing}</Cell>
                    <Cell className="whitespace-nowrap">{price.trialDays ? `${price.trialDays} days` : <Muted>None</Muted>}</Cell>
                    <Cell>{price.active ? <span className="text-emerald-700">Active</span> : <Muted>Archived</Muted>}</Cell>
                    {canWrite ? (
                      <Cell>
                        {price.active ? (
                          <ConfirmAction
                            label="Archive"
                            accessibleLabel={`Archive price ${amount} ${billing}`}
                            consequence={`New checkouts can no longer use ${amount} ${billing}. Existing subscriptions on it keep renewing.`}
                            confirmLabel="Archive price"
                            done="Price archived."
                            method="PATCH"
                            url={`${apiPath}/prices/${price.id}`}
                            body={{ active: false }}
                          />
                        ) : (
                          <ConfirmAction
                            label="Restore"
                            accessibleLabel={`Restore price ${amount} ${billing}`}
                            consequence={`${amount} ${billing} can be used in checkouts and plan changes again.`}
                            confirmLabel="Restore price"
                            done="Price restored."
                            method="PATCH"
                            url={`${apiPath}/prices/${price.id}`}
                            body={{ active: true }}
                            danger={false}
                          />
                        )}
                      </Cell>
                    ) : null}
                  </tr>
                );
              })}
            </DataTable>
          )}
          {total > prices.length ? <p className="text-xs text-slate-500">Showing the newest {prices.length} of {total} prices.</p> : null}
        </section>
        {canWrite ? (
          <>
            <Card title="Add a price">
              <AddPriceForm apiPath={apiPath} productId={product.id} limits={priceLimits} />
            </Card>
            <Card title="Details">
              <EditProductForm apiPath={apiPath} product={{ id: product.id, name: product.name, description: product.description }} />
            </Card>
            <Card
              title={product.active ? 'Archive product' : 'Unarchive product'}
              description={
                product.active
                  ? 'Archived products are kept for existing subscriptions but not meant for new sales (as in Stripe).'
                  : 'Make the product active again.'
              }
            >
              {product.active ? (
                <ConfirmAction
                  label="Archive product"
                  consequence={`“${product.name}” will be marked archived in Stripe, not for new sales. Existing subscriptions keep renewing, and you can unarchive it later.`}
                  confirmLabel="Archive"
                  done="Product archived."
                  method="DELETE"
                  url={`${apiPath}/products/${product.id}`}
                />
              ) : (
                <ConfirmAction
                  label="Unarchive product"
                  consequence={`“${product.name}” will be active again in Stripe (its archived prices stay archived).`}
                  confirmLabel="Unarchive"
                  done="Product unarchived."
                  method="PATCH"
                  url={`${apiPath}/products/${product.id}`}
                  body={{ active: true }}
                  danger={false}
                />
              )}
            </Card>
          </>
        ) : (
          <Notice>Only owners and admins can change products and prices.</Notice>
        )}
      </div>
    </>
  );
}
