import { and, eq, inArray, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import {
  customers,
  invoices,
  prices,
  subscriptionHistory,
  subscriptions,
  type Customer,
  type Subscription,
  type SubscriptionDiscount,
  type SubscriptionItem,
} from '@/db/schema';
import { upsertPriceFromStripe } from '@/lib/catalog/prices';
import { upsertCustomerFromStripe } from '@/lib/customers/service';
import { newId } from '@/lib/http/ids';
import { clientMetadata } from '@/lib/stripe/metadata';
import { owningProject } from '@/lib/stripe/ownership';
import { monthlyRecurringRevenue } from './mrr';

const time = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);
const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null));

/** The fields whose change makes a history row (Stripe names, as in `previous_attributes`). */
const historyFields = [
  'status',
  'items',
  'discount',
  'discounts',
  'current_period_start',
  'current_period_end',
  'trial_end',
  'cancel_at_period_end',
  'cancel_at',
  'canceled_at',
  'ended_at',
  'quantity',
  'plan',
];

/** The customer row for a Stripe customer id, adopting the customer from Stripe when BillStack lacks it. */
export async function ensureCustomer(db: Executor, stripe: Stripe, teamId: string, stripeCustomerId: string): Promise<Customer | null> {
  const [known] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.teamId, teamId), eq(customers.stripeCustomerId, stripeCustomerId)))
    .limit(1);
  if (known) return known;
  const fetched = await stripe.customers.retrieve(stripeCustomerId);
  if (fetched.deleted) return null;
  const project = await owningProject(db, teamId, fetched.metadata);
  return project ? (await upsertCustomerFromStripe(db, project, fetched)).row : null;
}

/**
 * The subscription's (first) discount. Events carry discounts as ids, and Stripe has no endpoint for one
 * discount, so an id is looked up on the subscription re-read with its discounts expanded.
 */
async function discountOf(stripe: Stripe, subscription: Stripe.Subscription): Promise<SubscriptionDiscount | null> {
  const [first] = subscription.discounts ?? [];
  if (!first) return null;
  const discount =
    typeof first === 'string'
      ? (await stripe.subscriptions.retrieve(subscription.id, { expand: ['discounts'] })).discounts.find(
          (candidate): candidate is Stripe.Discount => typeof candidate !== 'string' && candidate.id === first,
        )
      : first;
  const couponRef = discount?.source?.coupon;
  const coupon = typeof couponRef === 'object' && couponRef ? couponRef : couponRef ? await stripe.coupons.retrieve(couponRef) : null;
  if (!coupon) return null;
  return {
    couponId: coupon.id,
    percentOff: coupon.percent_off ?? null,
    amountOff: coupon.amount_off ?? null,
    currency: coupon.currency ?? null,
    duration: coupon.duration,
    end: discount?.end ? new Date(discount.end * 1000).toISOString() : null,
  };
}

/** Subscription items with BillStack's price ids, adopting prices BillStack does not know yet. */
async function itemsOf(db: Executor, stripe: Stripe, customer: Customer, subscription: Stripe.Subscription): Promise<SubscriptionItem[]> {
  const stripePriceIds = subscription.items.data.map((item) => item.price.id);
  const known = await db
    .select({ id: prices.id, stripePriceId: prices.stripePriceId })
    .from(prices)
    .where(and(eq(prices.teamId, customer.teamId), inArray(prices.stripePriceId, stripePriceIds)));
  const ours = new Map(known.map((price) => [price.stripePriceId, price.id]));
  const items: SubscriptionItem[] = [];
  for (const item of subscription.items.data) {
    if (!ours.has(item.price.id)) {
      const project = await owningProject(db, customer.teamId, item.price.metadata);
      const adopted = project ? (await upsertPriceFromStripe(db, project, item.price, stripe)).row : null;
      if (adopted) ours.set(item.price.id, adopted.id);
    }
    items.push({
      stripeItemId: item.id,
      priceId: ours.get(item.price.id) ?? null,
      stripePriceId: item.price.id,
      quantity: item.quantity ?? 1,
      unitAmount: item.price.unit_amount ?? null,
      currency: item.price.currency,
      interval: item.price.recurring?.interval ?? null,
      intervalCount: item.price.recurring?.interval_count ?? null,
    });
  }
  return items;
}

/** Subscription periods live on the items since API 2025-03; all items of one subscription share them. */
function periodOf(subscription: Stripe.Subscription) {
  const [first] = subscription.items.data;
  return { start: time(first?.current_period_start), end: time(first?.current_period_end) };
}

export interface SubscriptionState {
  customer: Customer;
  values: Omit<typeof subscriptions.$inferInsert, 'id'>;
}

/** BillStack's columns for a Stripe subscription, or null when its customer cannot be adopted. */
export async function subscriptionState(db: Executor, stripe: Stripe, teamId: string, subscription: Stripe.Subscription): Promise<SubscriptionState | null> {
  const customer = await ensureCustomer(db, stripe, teamId, idOf(subscription.customer)!);
  if (!customer) return null;
  const period = periodOf(subscription);
  return {
    customer,
    values: {
      teamId,
      projectId: customer.projectId,
      customerId: customer.id,
      stripeSubscriptionId: subscription.id,
      status: subscription.status,
      items: await itemsOf(db, stripe, customer, subscription),
      discount: await discountOf(stripe, subscription),
      currency: subscription.currency,
      currentPeriodStart: period.start,
      currentPeriodEnd: period.end,
      cancelAtPeriodEnd: subscription.cancel_at_period_end,
      canceledAt: time(subscription.canceled_at),
      endedAt: time(subscription.ended_at),
      trialStart: time(subscription.trial_start),
      trialEnd: time(subscription.trial_end),
      metadata: clientMetadata(subscription.metadata),
      createdAt: new Date(subscription.created * 1000),
      updatedAt: new Date(),
    },
  };
}

/** Writes Stripe's current state of a subscription (full state, never a delta). */
export async function upsertSubscriptionFromStripe(
  db: Executor,
  stripe: Stripe,
  teamId: string,
  subscription: Stripe.Subscription,
): Promise<Subscription | null> {
  const state = await subscriptionState(db, stripe, teamId, subscription);
  if (!state) return null;
  const [row] = await db
    .insert(subscriptions)
    .values({ id: subscription.metadata?.billstack_id ?? newId('subscription'), ...state.values })
    .onConflictDoUpdate({ target: [subscriptions.teamId, subscriptions.stripeSubscriptionId], set: state.values })
    .returning();
  return row;
}

/**
 * Appends the history row of one subscription event, from the state the event carries (the state
 * right after that change). A second delivery of the event adds nothing.
 */
export async function recordSubscriptionChange(
  db: Executor,
  stripe: Stripe,
  subscription: Subscription,
  event: { id: string; type: string; created: number; object: Stripe.Subscription; previousAttributes?: object },
) {
  const previous = event.previousAttributes;
  const changedFields = previous ? Object.keys(previous).filter((field) => historyFields.includes(field)) : [];
  if (event.type === 'customer.subscription.updated' && previous && changedFields.length === 0) return;
  const state = await subscriptionState(db, stripe, subscription.teamId, event.object);
  if (!state) return;
  const { values } = state;
  await db
    .insert(subscriptionHistory)
    .values({
      teamId: subscription.teamId,
      projectId: subscription.projectId,
      subscriptionId: subscription.id,
      customerId: subscription.customerId,
      stripeEventId: event.id,
      eventType: event.type,
      occurredAt: new Date(event.created * 1000),
      status: values.status,
      items: values.items,
      discount: values.discount ?? null,
      currency: values.currency,
      mrr: monthlyRecurringRevenue({ status: values.status, items: values.items, discount: values.discount ?? null }),
      currentPeriodStart: values.currentPeriodStart ?? null,
      currentPeriodEnd: values.currentPeriodEnd ?? null,
      cancelAtPeriodEnd: values.cancelAtPeriodEnd ?? false,
      changedFields,
    })
    .onConflictDoNothing();
}

/** Writes Stripe's current state of an invoice, linking its customer and subscription. */
export async function upsertInvoiceFromStripe(db: Executor, stripe: Stripe, teamId: string, invoice: Stripe.Invoice) {
  const customer = await ensureCustomer(db, stripe, teamId, idOf(invoice.customer)!);
  if (!customer) return null;
  const stripeSubscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
  let subscriptionId: string | null = null;
  if (stripeSubscriptionId) {
    const [known] = await db
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.teamId, teamId), eq(subscriptions.stripeSubscriptionId, stripeSubscriptionId)))
      .limit(1);
    if (!known) await lockStripeObject(db, teamId, stripeSubscriptionId);
    subscriptionId =
      known?.id ?? (await upsertSubscriptionFromStripe(db, stripe, teamId, await stripe.subscriptions.retrieve(stripeSubscriptionId)))?.id ?? null;
  }
  const values = {
    teamId,
    projectId: customer.projectId,
    customerId: customer.id,
    subscriptionId,
    stripeInvoiceId: invoice.id!,
    number: invoice.number,
    status: invoice.status ?? 'draft',
    currency: invoice.currency,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    total: invoice.total,
    billingReason: invoice.billing_reason,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    periodStart: time(invoice.period_start),
    periodEnd: time(invoice.period_end),
    paidAt: time(invoice.status_transitions?.paid_at),
    createdAt: new Date(invoice.created * 1000),
    updatedAt: new Date(),
  };
  const [row] = await db
    .insert(invoices)
    .values({ id: newId('invoice'), ...values })
    .onConflictDoUpdate({ target: [invoices.teamId, invoices.stripeInvoiceId], set: values })
    .returning();
  return row;
}

/** Serialises work on one Stripe object across requests and processes, for the rest of the transaction. */
export async function lockStripeObject(tx: Executor, teamId: string, objectId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${teamId}:${objectId}`}))`);
}
