// POST /v1/invoices/create_preview: the invoice a subscription's next billing would produce, built
// by the same code that bills (draftSubscriptionInvoice) from a copy of the subscription, and
// neither stored nor charged. With `subscription_details` the copy first takes the proposed
// change (or the proposed phases of its schedule): an invoice the change cuts at once
// (`always_invoice`, `billing_cycle_anchor[type]: now`) is what is previewed, otherwise the
// renewal, with the change's prorations among its pending items and the phase then running.
import type Stripe from 'stripe';
import { clockNow, nextPeriodEnd, type Interval } from './clock';
import type { Route } from './context';
import { showBalance } from './customer-balance';
import { testClockOf } from './customers';
import { invalidRequest, missingParam } from './errors';
import type { Params } from './form';
import { pendingItemsFor } from './invoice-items';
import { draftSubscriptionInvoice, type BillingPeriod } from './invoices';
import { PRORATION_BEHAVIORS } from './prorations';
import { parsePhases, phaseCovering, phaseItemUpdate } from './subscription-schedules';
import { clone, find, findOr404, newId, type AccountState } from './store';
import { applyItemUpdate, itemUpdateBilling } from './subscriptions';

type Phase = Stripe.SubscriptionSchedule.Phase;

function noUpcoming(customer: string): never {
  throw invalidRequest(`No upcoming invoices for customer: ${customer}`, undefined, 'invoice_upcoming_none');
}

/** The renewal at the end of the current period (or trial), as the billing engine will cut it. */
function renewal(sub: Stripe.Subscription): BillingPeriod {
  const item = sub.items.data[0];
  const { interval, interval_count: count } = item.price.recurring!;
  const end = item.current_period_end;
  const anchor = sub.status === 'trialing' ? end : sub.billing_cycle_anchor;
  return {
    at: end,
    reason: 'subscription_cycle',
    invoicePeriod: { start: item.current_period_start, end },
    linePeriod: { start: end, end: nextPeriodEnd(anchor, interval as Interval, count, end) },
    trial: false,
  };
}

/** What a preview asks to change: an update (`subscription_details`) or a schedule's phases (`schedule_details`). */
interface ProposedChange {
  details?: Params;
  scheduleDetails?: Params;
}

/** The phases the subscription follows: proposed ones, else those of its active schedule. */
function phasesOf(account: AccountState, sub: Stripe.Subscription, change: ProposedChange, now: number): Phase[] {
  const schedule = sub.schedule ? find(account, 'subscription_schedules', String(sub.schedule)) : undefined;
  if (change.scheduleDetails) {
    const firstStart = schedule?.phases[0].start_date ?? sub.items.data[0].current_period_start;
    return parsePhases(account, change.scheduleDetails, firstStart, now);
  }
  return schedule?.status === 'active' ? schedule.phases : [];
}

function previewSubscription(account: AccountState, sub: Stripe.Subscription, change: ProposedChange): Stripe.Invoice {
  const customer = String(sub.customer);
  if (sub.status === 'canceled') noUpcoming(customer);
  const now = clockNow(account, testClockOf(sub));
  const preview = clone(sub);
  const phases = phasesOf(account, preview, change, now);
  const { details, scheduleDetails } = change;
  const current = scheduleDetails ? phaseCovering(phases, now) : undefined;
  const update =
    details && (details.has('items') || details.has('billing_cycle_anchor'))
      ? applyItemUpdate(account, preview, details, now)
      : current
        ? phaseItemUpdate(account, preview, current, scheduleDetails!.oneOf('proration_behavior', PRORATION_BEHAVIORS) ?? 'create_prorations', now)
        : null;
  const immediate = update ? itemUpdateBilling(preview, update, now) : null;
  const next = renewal(preview);
  if (!immediate && preview.cancel_at !== null && preview.cancel_at <= next.at) noUpcoming(customer);
  // A phase starting at the renewal decides what the renewal bills (nothing left to prorate then).
  const phaseAtRenewal = immediate ? undefined : phaseCovering(phases, next.at);
  if (phaseAtRenewal) phaseItemUpdate(account, preview, phaseAtRenewal, 'none', next.at);
  const pending = [...pendingItemsFor(account, customer, sub.id), ...(update?.prorations ?? [])];
  const invoice = draftSubscriptionInvoice(account, preview, immediate ?? next, pending, newId('upcoming_in'));
  showBalance(account, invoice);
  return invoice;
}

export const invoicePreviewRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/invoices/create_preview',
    handler: ({ account, body }) => {
      const scheduleId = body.string('schedule');
      const schedule = scheduleId ? findOr404(account, 'subscription_schedules', scheduleId, 'schedule') : undefined;
      const subscriptionId = body.string('subscription') ?? (schedule?.subscription ? String(schedule.subscription) : undefined);
      const customer = body.string('customer');
      if (!subscriptionId) {
        if (!customer) throw missingParam('customer');
        findOr404(account, 'customers', customer, 'customer');
        // A customer's one-off pending items alone are not previewed: BillStack bills through subscriptions.
        noUpcoming(customer);
      }
      const sub = findOr404(account, 'subscriptions', subscriptionId, 'subscription');
      if (customer && sub.customer !== customer) {
        throw invalidRequest(`The subscription ${sub.id} does not belong to the customer ${customer}.`, 'subscription');
      }
      const details = body.object('subscription_details');
      const scheduleDetails = body.object('schedule_details');
      if (details && scheduleDetails) {
        throw invalidRequest('You may only specify one of these parameters: schedule_details, subscription_details.', 'schedule_details');
      }
      return previewSubscription(account, sub, { details, scheduleDetails });
    },
  },
];
