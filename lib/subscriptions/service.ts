import { count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { z } from 'zod';
import type { Executor, Transaction } from '@/db/client';
import { invoices, subscriptionHistory, subscriptions, type Project, type Subscription } from '@/db/schema';
import { recordAudit, type ActorContext, type AuditEntry } from '@/lib/audit/service';
import { getCustomer } from '@/lib/customers/service';
import { allRows, toCsv, type CsvColumn } from '@/lib/http/csv';
import { Conflict, NotFound } from '@/lib/http/errors';
import { isId } from '@/lib/http/ids';
import type { Pagination } from '@/lib/http/pagination';
import { orderFor } from '@/lib/http/sort';
import { isoTime } from '@/lib/http/respond';
import { inProject } from '@/lib/projects/scope';
import { stripeForTeam } from '@/lib/stripe/connection';
import { callStripe } from '@/lib/stripe/errors';
import { idOf } from '@/lib/stripe/mirror/object';
import type { ExportSubscriptionsQuery, invoiceSort, ListSubscriptionsQuery } from './schemas';
import { invoiceView, subscriptionView } from './views';
import { mirrorSubscription } from '@/lib/stripe/mirror/subscriptions';

/** Stripe never brings these back: there is nothing left to cancel, resume or change. */
const endedStatuses = new Set(['canceled', 'incomplete_expired']);

/**
 * Stripe refuses any change to an ended subscription but its metadata (a 400); BillStack refuses it before
 * calling Stripe, as a conflict with the subscription's state.
 */
export function assertNotEnded(subscription: Subscription) {
  if (endedStatuses.has(subscription.status)) throw new Conflict('Subscription is already canceled');
}

const subscriptionOrder = {
  created: subscriptions.createdAt,
  status: subscriptions.status,
  current_period_end: subscriptions.currentPeriodEnd,
};

async function subscriptionPage(db: Executor, where: SQL, { limit, offset, sort = '-created' }: Pagination & Partial<Pick<ListSubscriptionsQuery, 'sort'>>) {
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(subscriptions)
      .where(where)
      .orderBy(...orderFor(sort, subscriptionOrder, subscriptions.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(subscriptions).where(where),
  ]);
  return { subscriptions: rows.map(subscriptionView), total };
}

export async function listSubscriptions(db: Executor, project: Project, { customerId, status, priceId, ...page }: ListSubscriptionsQuery) {
  const where = inProject(
    subscriptions,
    project,
    customerId === undefined ? undefined : eq(subscriptions.customerId, customerId),
    status === undefined ? undefined : eq(subscriptions.status, status),
    priceId === undefined ? undefined : sql`${subscriptions.items} @> ${JSON.stringify([{ priceId }])}::jsonb`,
  );
  return subscriptionPage(db, where, page);
}

const subscriptionCsvColumns: CsvColumn<ReturnType<typeof subscriptionView>>[] = [
  { header: 'id', value: (subscription) => subscription.id },
  { header: 'customerId', value: (subscription) => subscription.customerId },
  { header: 'status', value: (subscription) => subscription.status },
  // Several items are one cell, space-separated, as quantity×price.
  { header: 'items', value: (subscription) => subscription.items.map((item) => `${item.quantity}x${item.priceId ?? item.stripePriceId}`).join(' ') },
  { header: 'currency', value: (subscription) => subscription.currency },
  { header: 'currentPeriodEnd', value: (subscription) => subscription.currentPeriodEnd },
  { header: 'cancelAtPeriodEnd', value: (subscription) => subscription.cancelAtPeriodEnd },
  { header: 'stripeSubscriptionId', value: (subscription) => subscription.stripeSubscriptionId },
  { header: 'createdAt', value: (subscription) => subscription.createdAt },
];

/** Every subscription the list's filters match, in the list's order, as CSV (header: the JSON field names). */
export async function exportSubscriptionsCsv(db: Executor, project: Project, filters: ExportSubscriptionsQuery): Promise<string> {
  const rows = await allRows(async (page) => {
    const { subscriptions: rows, total } = await listSubscriptions(db, project, { ...filters, ...page });
    return { rows, total };
  });
  return toCsv(subscriptionCsvColumns, rows);
}

/** A subscription of the project; another project's or a malformed id is not found. */
export async function getSubscription(db: Executor, project: Project, subscriptionId: string): Promise<Subscription> {
  const [subscription] = isId('subscription', subscriptionId)
    ? await db
        .select()
        .from(subscriptions)
        .where(inProject(subscriptions, project, eq(subscriptions.id, subscriptionId)))
        .limit(1)
    : [];
  if (!subscription) throw new NotFound('Subscription not found');
  return subscription;
}

/**
 * Who made a change and what it was, for the audit log; null for a customer acting through the portal, who is
 * neither a member nor a key of the team.
 */
export type SubscriptionAudit = { actor: ActorContext; action: AuditEntry['action'] } | null;

/**
 * Makes one change in Stripe, then writes Stripe's state at once (the webhook that follows writes the
 * same state), so the caller sees its change without waiting for the delivery. The audit event is written in
 * the transaction that writes the row.
 */
export async function changeInStripe(
  db: Executor,
  project: Project,
  subscriptionId: string,
  change: (stripe: Stripe, stripeSubscriptionId: string) => Promise<Stripe.Subscription>,
  audit: SubscriptionAudit,
): Promise<Subscription> {
  const subscription = await getSubscription(db, project, subscriptionId);
  assertNotEnded(subscription);
  const { stripe } = await stripeForTeam(db, project.teamId);
  await callStripe(() => change(stripe, subscription.stripeSubscriptionId));
  // A read begun after Stripe answered holds the change (or a later state); the mirror's staleness guard keeps
  // a webhook's newer read, and no transaction is open while Stripe is called.
  const recordChange = audit
    ? (tx: Transaction, row: Subscription) => recordAudit(tx, audit.actor, { action: audit.action, target: { type: 'subscription', id: row.id } })
    : undefined;
  const row = await callStripe(() => mirrorSubscription(db, stripe, project.teamId, subscription.stripeSubscriptionId, recordChange));
  // The row exists, so its customer does too: adoption cannot fail here.
  return row!;
}

/**
 * Releases the subscription's schedule, if it has one: the change it holds for later is dropped and the
 * subscription keeps its current items (the mirror that follows clears the row's pendingChange).
 */
export async function releasePendingChange(stripe: Stripe, subscription: Stripe.Subscription) {
  const scheduleId = idOf(subscription.schedule);
  if (scheduleId) await stripe.subscriptionSchedules.release(scheduleId);
}

export async function cancelSubscription(
  db: Executor,
  project: Project,
  subscriptionId: string,
  { atPeriodEnd }: { atPeriodEnd: boolean },
  actor: ActorContext | null,
): Promise<Subscription> {
  const action = atPeriodEnd ? 'subscription.cancellation_scheduled' : 'subscription.canceled';
  return changeInStripe(
    db,
    project,
    subscriptionId,
    async (stripe, id) => {
      if (!atPeriodEnd) return stripe.subscriptions.cancel(id);
      // Stripe refuses cancellation settings on a subscription a schedule manages; a plan change pending for
      // the period end would not happen anyway, as the subscription ends then.
      await releasePendingChange(stripe, await stripe.subscriptions.retrieve(id));
      return stripe.subscriptions.update(id, { cancel_at_period_end: true });
    },
    actor && { actor, action },
  );
}

/** Undoes a cancellation scheduled for the period end; an ended subscription cannot come back. */
export async function resumeSubscription(db: Executor, project: Project, subscriptionId: string, actor: ActorContext | null): Promise<Subscription> {
  return changeInStripe(
    db,
    project,
    subscriptionId,
    (stripe, id) => stripe.subscriptions.update(id, { cancel_at_period_end: false }),
    actor && { actor, action: 'subscription.resumed' },
  );
}

export async function listCustomerSubscriptions(db: Executor, project: Project, customerId: string, pagination: Pagination) {
  const customer = await getCustomer(db, project, customerId);
  return subscriptionPage(db, inProject(subscriptions, project, eq(subscriptions.customerId, customer.id)), pagination);
}

export async function listCustomerInvoices(db: Executor, project: Project, customerId: string, pagination: Pagination) {
  const customer = await getCustomer(db, project, customerId);
  return listInvoices(db, project, { ...pagination, customerId: customer.id });
}

/** The project's invoices as mirrored from Stripe, newest first unless sorted, optionally one customer's or one subscription's. */
export async function listInvoices(
  db: Executor,
  project: Project,
  {
    limit,
    offset,
    sort = '-created',
    customerId,
    subscriptionId,
    status,
  }: Pagination & { sort?: z.output<typeof invoiceSort>; customerId?: string; subscriptionId?: string; status?: string },
) {
  const where = inProject(
    invoices,
    project,
    customerId === undefined ? undefined : eq(invoices.customerId, customerId),
    subscriptionId === undefined ? undefined : eq(invoices.subscriptionId, subscriptionId),
    status === undefined ? undefined : eq(invoices.status, status),
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(invoices)
      .where(where)
      .orderBy(...orderFor(sort, { created: invoices.createdAt, status: invoices.status }, invoices.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(invoices).where(where),
  ]);
  return { invoices: rows.map(invoiceView), total };
}

/** A subscription's changes as Stripe reported them (subscription_history), newest first. */
export async function listSubscriptionHistory(db: Executor, project: Project, subscriptionId: string, { limit, offset }: Pagination) {
  const subscription = await getSubscription(db, project, subscriptionId);
  const where = inProject(subscriptionHistory, project, eq(subscriptionHistory.subscriptionId, subscription.id));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(subscriptionHistory)
      .where(where)
      .orderBy(desc(subscriptionHistory.occurredAt), desc(subscriptionHistory.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(subscriptionHistory).where(where),
  ]);
  return {
    history: rows.map((row) => ({
      occurredAt: isoTime(row.occurredAt),
      eventType: row.eventType,
      status: row.status,
      items: row.items.map((item) => ({ priceId: item.priceId, stripePriceId: item.stripePriceId, quantity: item.quantity })),
      cancelAtPeriodEnd: row.cancelAtPeriodEnd,
      currency: row.currency,
      mrr: row.mrr,
      changedFields: row.changedFields,
    })),
    total,
  };
}
