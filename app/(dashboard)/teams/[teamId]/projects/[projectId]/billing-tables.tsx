import Link from 'next/link';
import { Cell, DataTable, Muted, type Column, type TableSort } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { formatDate } from '@/components/format';
import { formatInterval, formatMoney } from '@/components/portal/money';
import { StatusBadge } from '@/components/portal/status-badge';
import type { Executor } from '@/db/client';
import type { Price, Project } from '@/db/schema';
import { getPrice } from '@/lib/catalog/prices';
import { getProduct } from '@/lib/catalog/products';
import { getCustomer } from '@/lib/customers/service';
import { NotFound } from '@/lib/http/errors';
import type { invoiceView, subscriptionView } from '@/lib/subscriptions/views';
import { SubscriptionActions } from './subscriptions/subscription-actions';

type SubscriptionView = ReturnType<typeof subscriptionView>;
type InvoiceView = ReturnType<typeof invoiceView>;
export interface PlanLabel {
  product: string;
  price: string;
}

/** Looks each id up once; a deleted customer or price is left out (and shown as its id). */
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

export function customerEmails(db: Executor, project: Project, ids: string[]) {
  return lookup(ids, async (id) => (await getCustomer(db, project, id)).email);
}

type PriceFields = Pick<Price, 'unitAmount' | 'currency' | 'interval' | 'intervalCount'>;

/** "$29.00 / month", "¥500 one-time". */
export function priceLabel(price: PriceFields): string {
  return `${formatMoney(price.unitAmount, price.currency)} ${price.interval ? formatInterval(price.interval, price.intervalCount) : 'one-time'}`;
}

/** Product name and price for each price id. */
export function planLabels(db: Executor, project: Project, priceIds: (string | null)[]): Promise<Map<string, PlanLabel>> {
  return lookup(priceIds, async (id) => {
    const price = await getPrice(db, project, id);
    const product = await getProduct(db, project, price.productId);
    return { product: product.name, price: priceLabel(price) };
  });
}

/** "Pro · $29.00 / month" for each of the prices (already read), for a select. */
export async function priceOptions(db: Executor, project: Project, prices: (PriceFields & { id: string; productId: string })[]) {
  const products = await lookup(
    prices.map((price) => price.productId),
    (id) => getProduct(db, project, id),
  );
  return prices.map((price) => ({ value: price.id, label: `${products.get(price.productId)?.name ?? price.productId} · ${priceLabel(price)}` }));
}

export function PlanList({ items, plans }: { items: SubscriptionView['items']; plans: Map<string, PlanLabel> }) {
  return (
    <ul className="flex flex-col gap-1">
      {items.map((item, index) => {
        const plan = item.priceId ? plans.get(item.priceId) : undefined;
        return (
          <li key={`${item.stripePriceId}-${index}`} className="min-w-0">
            {plan ? (
              <>
                <span className="font-medium wrap-anywhere text-slate-900">{plan.product}</span>{' '}
                <span className="whitespace-nowrap">{plan.price}</span>
              </>
            ) : (
              <span className="font-mono text-xs">{item.priceId ?? item.stripePriceId}</span>
            )}
            {item.quantity !== 1 ? <span className="text-slate-500"> × {item.quantity}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

function periodNote(subscription: SubscriptionView) {
  if (subscription.endedAt) return `Ended ${formatDate(subscription.endedAt)}`;
  if (!subscription.currentPeriodEnd) return null;
  return `${subscription.cancelAtPeriodEnd ? 'Cancels' : 'Renews'} ${formatDate(subscription.currentPeriodEnd)}`;
}

/**
 * Subscriptions with their plan, status, next date and creation, each linking to its page; `customers` adds the
 * customer column, `sort` makes the headers of status, period and creation sort the list.
 */
export function SubscriptionsTable({
  subscriptions,
  plans,
  customers,
  projectPage,
  actionsApi,
  sort,
}: {
  subscriptions: SubscriptionView[];
  plans: Map<string, PlanLabel>;
  customers?: Map<string, string>;
  projectPage: string;
  /** The project's API path: adds cancel and resume to each row. */
  actionsApi?: string;
  sort?: TableSort;
}) {
  const columns: Column[] = [
    ...(customers ? ['Customer'] : []),
    'Subscription',
    'Plan',
    { label: 'Status', sort: 'status' },
    // Soonest first: the renewals coming up.
    { label: 'Period', sort: 'current_period_end' },
    { label: 'Created', sort: '-created' },
    ...(actionsApi ? ['Actions'] : []),
  ];
  return (
    <DataTable label="Subscriptions" columns={columns} sort={sort}>
      {subscriptions.map((subscription) => (
        <tr key={subscription.id}>
          {customers ? (
            <Cell className="max-w-56">
              <Link href={`${projectPage}/customers/${subscription.customerId}`} className="wrap-anywhere text-brand-700 hover:underline">
                {customers.get(subscription.customerId) ?? subscription.customerId}
              </Link>
            </Cell>
          ) : null}
          <Cell>
            <Link href={`${projectPage}/subscriptions/${subscription.id}`} className="font-mono text-xs text-brand-700 hover:underline">
              {subscription.id}
            </Link>
          </Cell>
          <Cell className="max-w-64">
            <PlanList items={subscription.items} plans={plans} />
          </Cell>
          <Cell>
            <StatusBadge status={subscription.status} />
          </Cell>
          <Cell className="whitespace-nowrap">{periodNote(subscription) ?? <Muted>—</Muted>}</Cell>
          <Cell className="whitespace-nowrap">{formatDate(subscription.createdAt)}</Cell>
          {actionsApi ? (
            <Cell className="min-w-48">
              <SubscriptionActions apiPath={actionsApi} subscription={subscription} inList />
            </Cell>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}

/**
 * Invoices as mirrored from Stripe, each linking to Stripe's hosted invoice page; `customers` adds the customer
 * column, `sort` makes the headers of status and date sort the list.
 */
export function InvoicesTable({
  invoices,
  customers,
  projectPage,
  sort,
}: {
  invoices: InvoiceView[];
  customers?: Map<string, string>;
  projectPage: string;
  sort?: TableSort;
}) {
  const columns: Column[] = ['Invoice', ...(customers ? ['Customer'] : []), { label: 'Status', sort: 'status' }, 'Amount', { label: 'Date', sort: '-created' }];
  return (
    <DataTable label="Invoices" columns={columns} sort={sort}>
      {invoices.map((invoice) => (
        <tr key={invoice.id}>
          <Cell>
            {invoice.hostedInvoiceUrl ? (
              <a href={invoice.hostedInvoiceUrl} target="_blank" rel="noreferrer" className="font-mono text-xs text-brand-700 hover:underline">
                {invoice.number ?? invoice.stripeInvoiceId}
                <span className="sr-only"> (opens Stripe's invoice page)</span>
              </a>
            ) : (
              <span className="font-mono text-xs">{invoice.number ?? invoice.stripeInvoiceId}</span>
            )}
          </Cell>
          {customers ? (
            <Cell className="max-w-56">
              <Link href={`${projectPage}/customers/${invoice.customerId}`} className="wrap-anywhere text-brand-700 hover:underline">
                {customers.get(invoice.customerId) ?? invoice.customerId}
              </Link>
            </Cell>
          ) : null}
          <Cell>
            <StatusBadge status={invoice.status} />
          </Cell>
          <Cell className="whitespace-nowrap">
            {formatMoney(invoice.total, invoice.currency)}
            {invoice.amountPaid !== invoice.total && invoice.status !== 'draft' ? (
              <span className="block text-xs text-slate-500">paid {formatMoney(invoice.amountPaid, invoice.currency)}</span>
            ) : null}
          </Cell>
          <Cell className="whitespace-nowrap">{invoice.createdAt ? formatDate(invoice.createdAt) : <Muted>—</Muted>}</Cell>
        </tr>
      ))}
    </DataTable>
  );
}

/** A customer's or subscription's newest invoices under their own heading; `allHref` lists every one when they do not all fit. */
export function InvoicesSection({ invoices, total, projectPage, allHref }: { invoices: InvoiceView[]; total: number; projectPage: string; allHref?: string }) {
  return (
    <section aria-labelledby="invoices-heading" className="flex flex-col gap-3">
      <h2 id="invoices-heading" className="text-base font-semibold text-slate-900">
        Invoices
      </h2>
      {total === 0 ? <EmptyState title="No invoices yet" /> : <InvoicesTable invoices={invoices} projectPage={projectPage} />}
      {total > invoices.length ? (
        allHref ? (
          <Link href={allHref} className="text-sm text-brand-700 hover:underline">
            All {total} invoices
          </Link>
        ) : (
          <p className="text-xs text-slate-500">
            The newest {invoices.length} of {total} invoices.
          </p>
        )
      ) : null}
    </section>
  );
}
