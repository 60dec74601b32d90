import { isDeepStrictEqual } from 'node:util';
import { and, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor, Transaction } from '@/db/client';
import {
  coupons,
  customers,
  prices,
  subscriptionHistory,
  subscriptions,
  type Customer,
  type Subscription,
  type SubscriptionDiscount,
  type SubscriptionItem,
} from '@/db/schema';
import { newId } from '@/lib/http/ids';
import { unlessMissing } from '@/lib/stripe/errors';
import { clientMetadata } from '@/lib/stripe/metadata';
import { owningProject } from '@/lib/stripe/ownership';
import { appendSubscriptionHistory, type NewHistoryRow } from '@/lib/analytics/ledger';
import type { StripeEventEnvelope } from '@/lib/webhooks/schemas';
import { upsertPriceFromStripe } from './catalog';
import { ensureCustomer } from './customers';
import { pendingChangeOfSubscription } from './pending-changes';
import { applied, idOf, ignored, lockStripeObject, stripeTime, type ApplyResult, type MirrorContext } from './object';
import { onCheckoutCompleted } from '@/lib/referrals/service';
import { emitWebhookEvent, type WebhookEventType } from '@/lib/outgoing-webhooks/events';
import { subscriptionView } from '@/lib/subscriptions/views';

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

/**
 * The subscription's discounts, in Stripe's order. Events carry discounts as ids, and Stripe has no endpoint
 * for one discount, so ids are looked up on the subscription re-read with its discounts expanded; a discount
 * that has ended since the event (a late delivery) is no longer there, and is taken from the history rows
 * that recorded it.
 */
async function discountsOf(db: Executor, stripe: Stripe, teamId: string, subscription: Stripe.Subscription): Promise<SubscriptionDiscount[]> {
  const refs = subscription.discounts ?? [];
  if (refs.length === 0) return [];
  const expanded = refs.some((ref) => typeof ref === 'string')
    ? (await stripe.subscriptions.retrieve(subscription.id, { expand: ['discounts'] })).discounts
    : refs;
  const discounts: SubscriptionDiscount[] = [];
  let recorded: SubscriptionDiscount[] | undefined;
  for (const ref of refs) {
    const id = typeof ref === 'string' ? ref : ref.id;
    const discount = expanded.find((candidate): candidate is Stripe.Discount => typeof candidate !== 'string' && candidate.id === id);
    const couponRef = discount?.source?.coupon;
    const coupon = typeof couponRef === 'object' && couponRef ? couponRef : couponRef ? await couponOf(db, stripe, teamId, couponRef) : null;
    if (!coupon) {
      recorded ??= await recordedDiscounts(db, teamId, subscription.id);
      const known = recorded.find((candidate) => candidate.discountId === id);
      if (known) discounts.push(known);
      continue;
    }
    discounts.push({
      discountId: id,
      couponId: coupon.id,
      percentOff: coupon.percent_off ?? null,
      amountOff: coupon.amount_off ?? null,
      currency: coupon.currency ?? null,
      duration: coupon.duration,
      end: discount?.end ? new Date(discount.end * 1000).toISOString() : null,
    });
  }
  return discounts;
}

type CouponTerms = Pick<Stripe.Coupon, 'id' | 'percent_off' | 'amount_off' | 'currency'> & { duration: string };

/**
 * A discount's coupon terms. A coupon's amounts never change, so our copy (kept when the coupon is deleted) is
 * as good as Stripe's; else Stripe's. Stripe keeps a deleted coupon's discounts running but answers 404 for the
 * coupon: one neither we nor Stripe know is recorded as present with unknown terms, so its event still applies.
 */
async function couponOf(db: Executor, stripe: Stripe, teamId: string, couponId: string): Promise<CouponTerms> {
  const [ours] = await db
    .select()
    .from(coupons)
    .where(and(eq(coupons.teamId, teamId), eq(coupons.stripeCouponId, couponId)))
    .limit(1);
  if (ours) {
    return { id: couponId, percent_off: ours.percentOff, amount_off: ours.amountOff, currency: ours.currency, duration: ours.duration };
  }
  const coupon = await unlessMissing(() => stripe.coupons.retrieve(couponId));
  return coupon ?? { id: couponId, percent_off: null, amount_off: null, currency: null, duration: 'unknown' };
}

/** Every discount the subscription's history rows hold. */
async function recordedDiscounts(db: Executor, teamId: string, stripeSubscriptionId: string): Promise<SubscriptionDiscount[]> {
  const rows = await db
    .select({ discounts: subscriptionHistory.discounts })
    .from(subscriptionHistory)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionHistory.subscriptionId))
    .where(and(eq(subscriptions.teamId, teamId), eq(subscriptions.stripeSubscriptionId, stripeSubscriptionId)));
  return rows.flatMap((row) => row.discounts);
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
      usageType: item.price.recurring?.usage_type ?? null,
    });
  }
  return items;
}

/** Subscription periods live on the items since API 2025-03; all items of one subscription share them. */
function periodOf(subscription: Stripe.Subscription) {
  const [first] = subscription.items.data;
  return { start: stripeTime(first?.current_period_start), end: stripeTime(first?.current_period_end) };
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
      ...(await discountsOf(db, stripe, teamId, subscription).then((discounts) => ({ discount: discounts[0] ?? null, discounts }))),
      currency: subscription.currency,
      currentPeriodStart: period.start,
      currentPeriodEnd: period.end,
      cancelAtPeriodEnd: subscription.cancel_at_period_end,
      canceledAt: stripeTime(subscription.canceled_at),
      endedAt: stripeTime(subscription.ended_at),
      cancellationReason: subscription.cancellation_details?.reason ?? null,
      trialStart: stripeTime(subscription.trial_start),
      trialEnd: stripeTime(subscription.trial_end),
      metadata: clientMetadata(subscription.metadata),
      createdAt: new Date(subscription.created * 1000),
      updatedAt: new Date(),
    },
  };
}

/**
 * Reads a subscription from Stripe and writes it: the way every path (webhooks, cancel/resume, plan changes,
 * checkout) brings a subscription row up to date.
 */
export async function mirrorSubscription(
  db: Executor,
  stripe: Stripe,
  teamId: string,
  stripeSubscriptionId: string,
  alsoWrite?: AlsoWrite,
): Promise<Subscription | null> {
  const readAt = new Date();
  const subscription = await stripe.subscriptions.retrieve(stripeSubscriptionId, { expand: ['discounts'] });
  return upsertSubscriptionFromStripe(db, stripe, teamId, subscription, readAt, alsoWrite);
}

/** More to write in the row's transaction, such as the audit event of the change that led to this write. */
export type AlsoWrite = (tx: Transaction, subscription: Subscription) => Promise<void>;

/**
 * Writes Stripe's state of a subscription (full state, never a delta), read from Stripe when `readAt` says.
 * Everything the row needs from Stripe (customer, prices, coupons) is read first; only then a short transaction
 * takes the object's lock and writes, so no transaction waits on Stripe. Never call it inside a transaction.
 *
 * Staleness guard: the row keeps the start time of the read it holds (`stripe_synced_at`) and a write from a
 * read that began earlier is skipped. Stripe gives subscriptions no version or update time to compare, and the
 * read that began last is the one sure to see every change made before it began: each change is followed by
 * a webhook whose read begins after it, so the row always ends on the latest state. Reads finishing late say
 * nothing (a slow read begun before a change may answer after a fast one begun after it).
 */
export async function upsertSubscriptionFromStripe(
  db: Executor,
  stripe: Stripe,
  teamId: string,
  subscription: Stripe.Subscription,
  readAt: Date,
  alsoWrite?: AlsoWrite,
): Promise<Subscription | null> {
  const state = await subscriptionState(db, stripe, teamId, subscription);
  if (!state) return null;
  const values = { ...state.values, pendingChange: await pendingChangeOfSubscription(db, stripe, teamId, subscription), stripeSyncedAt: readAt };
  const ofSubscription = and(eq(subscriptions.teamId, teamId), eq(subscriptions.stripeSubscriptionId, subscription.id));
  return db.transaction(async (tx) => {
    await lockStripeObject(tx, teamId, subscription.id);
    const [before] = await tx.select().from(subscriptions).where(ofSubscription).limit(1);
    const [written] = await tx
      .insert(subscriptions)
      .values({ id: subscription.metadata?.billstack_id ?? newId('subscription'), ...values })
      .onConflictDoUpdate({
        target: [subscriptions.teamId, subscriptions.stripeSubscriptionId],
        set: values,
        setWhere: or(isNull(subscriptions.stripeSyncedAt), lte(subscriptions.stripeSyncedAt, readAt)),
      })
      .returning();
    const [row] = written ? [written] : await tx.select().from(subscriptions).where(ofSubscription).limit(1);
    const event = written && subscriptionEvent(before ?? null, written);
    if (event) await emitWebhookEvent(tx, { id: written.projectId, teamId }, event.type, event.data);
    if (alsoWrite) await alsoWrite(tx, row);
    return row;
  });
}

const isEnded = (status: string) => status === 'canceled' || status === 'incomplete_expired';

/**
 * The outgoing webhook event of a subscription write: the most specific of created, canceled, past_due,
 * resumed (a scheduled cancellation undone, or a pause ended), renewed (a new period began), else updated when
 * anything the API shows changed; none when nothing did.
 */
export function subscriptionEvent(before: Subscription | null, after: Subscription): { type: WebhookEventType; data: ReturnType<typeof subscriptionView> } | null {
  const data = subscriptionView(after);
  if (!before) return { type: 'subscription.created', data };
  if (isDeepStrictEqual(subscriptionView(before), data)) return null;
  const becomes = (status: string) => after.status === status && before.status !== status;
  const type: WebhookEventType = becomes('canceled')
    ? 'subscription.canceled'
    : becomes('past_due')
      ? 'subscription.past_due'
      : (before.cancelAtPeriodEnd && !after.cancelAtPeriodEnd && !isEnded(after.status)) || (before.status === 'paused' && becomes('active'))
        ? 'subscription.resumed'
        : before.currentPeriodStart && after.currentPeriodStart && after.currentPeriodStart > before.currentPeriodStart
          ? 'subscription.renewed'
          : 'subscription.updated';
  return { type, data };
}

type SubscriptionChange = { id: string; type: string; created: number; object: Stripe.Subscription; previousAttributes?: object };

/**
 * The history row of one subscription event, from the state the event carries (the state right after that
 * change); null for an update of no field history records. It reads from Stripe (the event's prices and
 * discounts): never call it inside a transaction.
 */
export async function subscriptionHistoryRow(db: Executor, stripe: Stripe, subscription: Subscription, event: SubscriptionChange): Promise<NewHistoryRow | null> {
  const previous = event.previousAttributes;
  const changedFields = previous ? Object.keys(previous).filter((field) => historyFields.includes(field)) : [];
  if (event.type === 'customer.subscription.updated' && previous && changedFields.length === 0) return null;
  const state = await subscriptionState(db, stripe, subscription.teamId, event.object);
  if (!state) return null;
  const { values } = state;
  return {
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
    discounts: values.discounts ?? [],
    currency: values.currency,
    currentPeriodStart: values.currentPeriodStart ?? null,
    currentPeriodEnd: values.currentPeriodEnd ?? null,
    cancelAtPeriodEnd: values.cancelAtPeriodEnd ?? false,
    cancellationReason: values.cancellationReason ?? null,
    changedFields,
  };
}

/**
 * Appends the history row of one subscription event in its own short transaction, after reading from Stripe.
 * A second delivery of the event adds nothing.
 */
export async function recordSubscriptionChange(db: Executor, stripe: Stripe, subscription: Subscription, event: SubscriptionChange) {
  const row = await subscriptionHistoryRow(db, stripe, subscription, event);
  if (row) await db.transaction((tx) => appendSubscriptionHistory(tx, row));
}

/**
 * `customer.subscription.*` events of one subscription, oldest first: Stripe's current state of it (one read
 * covers them all), then each event's history row (each reads from Stripe first and writes in its own short
 * transaction).
 */
export async function applySubscription({ db, stripe, teamId }: MirrorContext, id: string, events: StripeEventEnvelope[]): Promise<ApplyResult> {
  const row = await mirrorSubscription(db, stripe, teamId, id);
  if (!row) return ignored("the subscription's customer cannot be adopted");
  for (const event of events) {
    await recordSubscriptionChange(db, stripe, row, {
      id: event.id,
      type: event.type,
      created: event.created,
      // The signature proved the payload is Stripe's, so its object has Stripe's subscription shape.
      object: event.data.object as unknown as Stripe.Subscription,
      previousAttributes: event.data.previous_attributes,
    });
  }
  return applied(row.projectId);
}

/** A completed checkout session: its customer and subscription, before their own events arrive. */
export async function applyCheckoutSession({ db, stripe, teamId }: MirrorContext, id: string): Promise<ApplyResult> {
  const session = await stripe.checkout.sessions.retrieve(id);
  if (session.status !== 'complete') return ignored(`the checkout session is ${session.status}`);
  const customerId = idOf(session.customer);
  const customer = customerId ? await ensureCustomer(db, stripe, teamId, customerId) : null;
  const subscriptionId = idOf(session.subscription);
  const subscription = subscriptionId ? await mirrorSubscription(db, stripe, teamId, subscriptionId) : null;
  await onCheckoutCompleted(db, teamId, session);
  await emitCheckoutCompleted(db, teamId, session);
  return applied(subscription?.projectId ?? customer?.projectId ?? null);
}

/**
 * checkout.completed, once per session, for the project whose customer paid: the session's id, mode, amount and
 * the BillStack ids of its customer and subscription (their own events carry them whole).
 */
async function emitCheckoutCompleted(db: Executor, teamId: string, session: Stripe.Checkout.Session) {
  const stripeCustomerId = idOf(session.customer);
  if (!stripeCustomerId) return;
  const [customer] = await db
    .select({ id: customers.id, projectId: customers.projectId })
    .from(customers)
    .where(and(eq(customers.teamId, teamId), eq(customers.stripeCustomerId, stripeCustomerId)))
    .limit(1);
  if (!customer) return;
  const stripeSubscriptionId = idOf(session.subscription);
  const [subscription] = stripeSubscriptionId
    ? await db
        .select({ id: subscriptions.id })
        .from(subscriptions)
        .where(and(eq(subscriptions.teamId, teamId), eq(subscriptions.stripeSubscriptionId, stripeSubscriptionId)))
        .limit(1)
    : [];
  const data = {
    id: session.id,
    mode: session.mode,
    customerId: customer.id,
    subscriptionId: subscription?.id ?? null,
    amountTotal: session.amount_total,
    currency: session.currency,
    createdAt: new Date(session.created * 1000).toISOString(),
  };
  await db.transaction((tx) =>
    emitWebhookEvent(tx, { id: customer.projectId, teamId }, 'checkout.completed', data, { dedupeKey: `checkout.completed:${session.id}` }),
  );
}
