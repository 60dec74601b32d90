// POST /v1/invoices/create_preview: the invoice a subscription's next billing would produce, built
// by the same code that bills (draftSubscriptionInvoice) from a copy of the subscription, and
// neither stored nor charged. With `subscription_details` the copy first takes the proposed
// change: an invoice the change cuts at once (`always_invoice`, `billing_cycle_anchor: now`) is
// what is previewed, otherwise the renewal, with the change's prorations among its pending items.
import type Stripe from 'stripe';
import { clockNow, nextPeriodEnd, type Interval } from './clock';
import type { Route } from './context';
import { showBalance } from './customer-balance';
import { testClockOf } from './customers';
import { invalidRequest, missingParam } from './errors';
import type { Params } from './form';
import { pendingItemsFor } from './invoice-items';
import { draftSubscriptionInvoice, type BillingPeriod } from './invoices';
import { phaseAt, phaseRequests } from './subscription-schedules';
import { clone, find, findOr404, newId, type AccountState } from './store';
import { applyItemUpdate, itemUpdateBilling, replacementItems } from './subscriptions';

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

/** A schedule whose next phase starts at the renewal changes what the renewal bills. */
function applyScheduledPhase(account: AccountState, sub: Stripe.Subscription, at: number): void {
  const schedule = sub.schedule ? find(account, 'subscription_schedules', String(sub.schedule)) : undefined;
  const phase = schedule ? phaseAt(schedule, at) : undefined;
  if (!phase) return;
  sub.items = { ...sub.items, data: replacementItems(sub, phaseRequests(account, phase, 'schedule'), at) };
}

function previewSubscription(account: AccountState, sub: Stripe.Subscription, details: Params | undefined): Stripe.Invoice {
  const customer = String(sub.customer);
  if (sub.status === 'canceled') noUpcoming(customer);
  const now = clockNow(account, testClockOf(sub));
  const preview = clone(sub);
  const pending = pendingItemsFor(account, customer, sub.id);
  const update = details && (details.has('items') || details.has('billing_cycle_anchor')) ? applyItemUpdate(account, preview, details, now) : null;
  const immediate = update ? itemUpdateBilling(preview, update, now) : null;
  const prorations = update?.prorations ?? [];
  const next = renewal(preview);
  if (!immediate && preview.cancel_at !== null && preview.cancel_at <= next.at) noUpcoming(customer);
  if (!immediate) applyScheduledPhase(account, preview, next.at);
  const invoice = draftSubscriptionInvoice(account, preview, immediate ?? next, [...pending, ...prorations], newId('upcoming_in'));
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
      return previewSubscription(account, sub, body.object('subscription_details'));
    },
  },
];
