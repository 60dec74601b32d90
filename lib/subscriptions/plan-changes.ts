import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import type { PlanChangeTiming, Price, ProrationBehavior, Project, Subscription } from '@/db/schema';
import { normalizeToMonthly } from '@/lib/analytics/definitions';
import type { ActorContext } from '@/lib/audit/service';
import { getPrice } from '@/lib/catalog/prices';
import { BadRequest, Conflict } from '@/lib/http/errors';
import { isoTime } from '@/lib/http/respond';
import { getProjectSettings } from '@/lib/projects/settings';
import { stripeForTeam } from '@/lib/stripe/connection';
import { callStripe } from '@/lib/stripe/errors';
import { idOf } from '@/lib/stripe/mirror/object';
import type { ChangePlanBody } from './schemas';
import { assertNotEnded, changeInStripe, getSubscription, releasePendingChange } from './service';

interface PlannedItem {
  price: Price;
  quantity: number;
}

/** A validated change with the project's defaults filled in. */
interface PlannedChange {
  subscription: Subscription;
  items: PlannedItem[];
  when: PlanChangeTiming;
  proration: ProrationBehavior;
  prorationDate: number | undefined;
}

/** List prices per month (no discount, whatever the status): what "upgrade" and "downgrade" compare. */
function listMonthly(items: { unitAmount: number | null; quantity: number; interval: string | null; intervalCount: number | null }[]): number {
  return items.reduce(
    (sum, item) => (item.unitAmount === null || !item.interval ? sum : sum + normalizeToMonthly(item.unitAmount * item.quantity, item.interval, item.intervalCount ?? 1)),
    0,
  );
}

async function planChange(db: Executor, project: Project, subscriptionId: string, body: ChangePlanBody): Promise<PlannedChange> {
  const subscription = await getSubscription(db, project, subscriptionId);
  const items: PlannedItem[] = [];
  for (const { priceId, quantity } of body.items) {
    // Stripe refuses two items of one price on a subscription: the quantity says how many.
    if (items.some((item) => item.price.id === priceId)) throw new BadRequest(`Price ${priceId} is given twice: give it once with its quantity`);
    const price = await getPrice(db, project, priceId);
    if (!price.active) throw new BadRequest(`Price ${priceId} is archived`);
    if (!price.interval) throw new BadRequest(`Price ${priceId} is not recurring`);
    if (price.currency !== subscription.currency) {
      throw new BadRequest(`Price ${priceId} is in ${price.currency.toUpperCase()}, the subscription in ${subscription.currency.toUpperCase()}`);
    }
    items.push({ price, quantity });
  }
  assertNotEnded(subscription);
  // A lateral move (same amount per month) costs nothing either way: it takes the upgrade's immediacy.
  const direction =
    listMonthly(items.map(({ price, quantity }) => ({ ...price, quantity }))) >= listMonthly(subscription.items) ? 'upgrade' : 'downgrade';
  const defaults = (await getProjectSettings(db, project)).planChanges[direction];
  const when = body.when ?? defaults.when;
  if (body.prorationDate && when !== 'now') throw new BadRequest('prorationDate applies only to a change made now');
  if (when === 'period_end' && subscription.cancelAtPeriodEnd) {
    throw new Conflict('Subscription ends at the period end: resume it before changing its plan from then');
  }
  return {
    subscription,
    items,
    when,
    proration: body.proration ?? defaults.proration,
    prorationDate: body.prorationDate ? Math.floor(Date.parse(body.prorationDate) / 1000) : undefined,
  };
}

/**
 * Stripe item changes that turn the subscription's items into the planned ones: an item keeping its price
 * keeps its id (a quantity change), other items swap their price in place (as Stripe's guide to changing
 * prices does, which keeps one proration pair per item), and what is left over is added or deleted.
 */
function itemChanges(current: Stripe.SubscriptionItem[], planned: PlannedItem[]): Stripe.SubscriptionUpdateParams.Item[] {
  const unmatched = [...current];
  const changes: Stripe.SubscriptionUpdateParams.Item[] = [];
  const swaps: PlannedItem[] = [];
  for (const item of planned) {
    const same = unmatched.find((candidate) => candidate.price.id === item.price.stripePriceId);
    if (!same) {
      swaps.push(item);
      continue;
    }
    unmatched.splice(unmatched.indexOf(same), 1);
    changes.push({ id: same.id, quantity: item.quantity });
  }
  for (const item of swaps) {
    const reused = unmatched.shift();
    changes.push({ ...(reused ? { id: reused.id } : {}), price: item.price.stripePriceId, quantity: item.quantity });
  }
  for (const left of unmatched) changes.push({ id: left.id, deleted: true });
  return changes;
}

/**
 * A change at the period end is a schedule made from the subscription (its one phase: the current period)
 * and given a second phase with the new items from the period end; released after it, the subscription
 * simply carries on with them. A fresh period starts then, so there is nothing to prorate.
 */
async function scheduleAtPeriodEnd(stripe: Stripe, stripeSubscriptionId: string, items: PlannedItem[]): Promise<Stripe.SubscriptionSchedule> {
  const schedule = await stripe.subscriptionSchedules.create({ from_subscription: stripeSubscriptionId });
  const [current] = schedule.phases;
  const { interval, intervalCount } = items[0].price;
  return stripe.subscriptionSchedules.update(schedule.id, {
    end_behavior: 'release',
    proration_behavior: 'none',
    phases: [
      {
        items: current.items.map((item) => ({ price: idOf(item.price)!, quantity: item.quantity })),
        start_date: current.start_date,
        end_date: current.end_date,
      },
      {
        items: items.map((item) => ({ price: item.price.stripePriceId, quantity: item.quantity })),
        duration: { interval: interval!, interval_count: intervalCount ?? 1 },
      },
    ],
  });
}

/**
 * Changes the subscription's items now (prorated as asked) or at the period end (through a schedule).
 * Either replaces a change still pending: the schedule holding it is released first.
 */
export async function changePlan(
  db: Executor,
  project: Project,
  subscriptionId: string,
  body: ChangePlanBody,
  actor: ActorContext | null,
): Promise<Subscription> {
  const plan = await planChange(db, project, subscriptionId, body);
  const action = plan.when === 'period_end' ? 'subscription.plan_change_scheduled' : 'subscription.plan_changed';
  return changeInStripe(
    db,
    project,
    subscriptionId,
    async (stripe, id) => {
      const current = await stripe.subscriptions.retrieve(id);
      await releasePendingChange(stripe, current);
      if (plan.when === 'period_end') {
        await scheduleAtPeriodEnd(stripe, id, plan.items);
        return current;
      }
      return stripe.subscriptions.update(id, {
        items: itemChanges(current.items.data, plan.items),
        proration_behavior: plan.proration,
        ...(plan.prorationDate === undefined ? {} : { proration_date: plan.prorationDate }),
      });
    },
    actor && { actor, action },
  );
}

const isProration = (line: Stripe.InvoiceLineItem) =>
  Boolean(line.parent?.subscription_item_details?.proration || line.parent?.invoice_item_details?.proration);

/**
 * What a change would bill, from Stripe's preview of the next invoice with the change applied. Prorations
 * are previewed as pending (`create_prorations`) and, when the change invoices them at once
 * (`always_invoice`), counted as due now instead: the lines say which (`due`). A credit invoiced now is not
 * refunded but kept by Stripe for the next invoice, which is why the next amount is the preview's amount
 * due less only what is charged now.
 */
export async function previewPlanChange(db: Executor, project: Project, subscriptionId: string, body: ChangePlanBody) {
  const plan = await planChange(db, project, subscriptionId, body);
  const { stripe } = await stripeForTeam(db, project.teamId);
  const current = await callStripe(() => stripe.subscriptions.retrieve(plan.subscription.stripeSubscriptionId));
  const prorates = plan.when === 'now' && plan.proration !== 'none';
  const invoice = await callStripe(() =>
    stripe.invoices.createPreview({
      subscription: current.id,
      subscription_details: {
        items: itemChanges(current.items.data, plan.items),
        proration_behavior: prorates ? 'create_prorations' : 'none',
        ...(plan.prorationDate === undefined ? {} : { proration_date: plan.prorationDate }),
      },
    }),
  );
  const invoicedNow = prorates && plan.proration === 'always_invoice';
  const lines = invoice.lines.data.map((line) => ({
    description: line.description,
    amount: line.amount,
    proration: isProration(line),
    periodStart: isoTime(new Date(line.period.start * 1000)),
    periodEnd: isoTime(new Date(line.period.end * 1000)),
    due: invoicedNow && isProration(line) ? ('now' as const) : ('next_invoice' as const),
  }));
  const amountDueNow = Math.max(0, lines.filter((line) => line.due === 'now').reduce((sum, line) => sum + line.amount, 0));
  const firstProration = invoice.lines.data.find(isProration);
  const periodEnd = current.items.data[0].current_period_end;
  return {
    when: plan.when,
    proration: plan.proration,
    // The moment the prorations are computed for: pass it back as `prorationDate` to be billed exactly this.
    prorationDate: prorates && firstProration ? isoTime(new Date(firstProration.period.start * 1000)) : null,
    amountDueNow,
    currency: invoice.currency,
    nextInvoiceAmount: invoice.amount_due - amountDueNow,
    nextInvoiceAt: isoTime(new Date(periodEnd * 1000)),
    lines,
  };
}
export type PlanChangePreview = Awaited<ReturnType<typeof previewPlanChange>>;
