import type { Invoice, Subscription } from '@/db/schema';
import { isoTime } from '@/lib/http/respond';

/** How the API shows a subscription and an invoice (the dashboard, the mirror's outgoing webhook events too). */
export function subscriptionView(subscription: Subscription) {
  return {
    id: subscription.id,
    customerId: subscription.customerId,
    status: subscription.status,
    currency: subscription.currency,
    items: subscription.items.map((item) => ({
      priceId: item.priceId,
      stripePriceId: item.stripePriceId,
      quantity: item.quantity,
    })),
    currentPeriodStart: isoTime(subscription.currentPeriodStart),
    currentPeriodEnd: isoTime(subscription.currentPeriodEnd),
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    canceledAt: isoTime(subscription.canceledAt),
    endedAt: isoTime(subscription.endedAt),
    // Why Stripe ended it: cancellation_requested, payment_failed (dunning's final action) or payment_disputed.
    cancellationReason: subscription.cancellationReason,
    trialEnd: isoTime(subscription.trialEnd),
    pendingChange: subscription.pendingChange
      ? { items: subscription.pendingChange.items, effectiveAt: subscription.pendingChange.effectiveAt }
      : null,
    stripeSubscriptionId: subscription.stripeSubscriptionId,
    createdAt: isoTime(subscription.createdAt),
  };
}

export function invoiceView(invoice: Invoice) {
  return {
    id: invoice.id,
    customerId: invoice.customerId,
    subscriptionId: invoice.subscriptionId,
    stripeInvoiceId: invoice.stripeInvoiceId,
    number: invoice.number,
    status: invoice.status,
    currency: invoice.currency,
    amountDue: invoice.amountDue,
    amountPaid: invoice.amountPaid,
    total: invoice.total,
    periodStart: isoTime(invoice.periodStart),
    periodEnd: isoTime(invoice.periodEnd),
    paidAt: isoTime(invoice.paidAt),
    hostedInvoiceUrl: invoice.hostedInvoiceUrl,
    createdAt: isoTime(invoice.createdAt),
  };
}
