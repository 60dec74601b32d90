import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { invoices, subscriptions, type Invoice } from '@/db/schema';
import { newId } from '@/lib/http/ids';
import { emitWebhookEvent } from '@/lib/outgoing-webhooks/events';
import { invoiceView } from '@/lib/subscriptions/views';
import { onInvoicePaid } from '@/lib/referrals/rewards';
import { ensureCustomer } from './customers';
import { applied, idOf, ignored, lockStripeObject, stripeTime, type ApplyResult, type MirrorContext } from './object';
import { mirrorSubscription } from './subscriptions';

/**
 * Writes Stripe's state of an invoice, read from Stripe when `readAt` says, linking its customer and
 * subscription (adopted from Stripe first when BillStack lacks them). As for subscriptions, Stripe is read
 * before a short transaction writes, and a write from an earlier read than the row's is skipped
 * (see upsertSubscriptionFromStripe). Never call it inside a transaction.
 */
export async function upsertInvoiceFromStripe(db: Executor, stripe: Stripe, teamId: string, invoice: Stripe.Invoice, readAt: Date) {
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
    subscriptionId = known?.id ?? (await mirrorSubscription(db, stripe, teamId, stripeSubscriptionId))?.id ?? null;
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
    periodStart: stripeTime(invoice.period_start),
    periodEnd: stripeTime(invoice.period_end),
    paidAt: stripeTime(invoice.status_transitions?.paid_at),
    createdAt: new Date(invoice.created * 1000),
    updatedAt: new Date(),
    stripeSyncedAt: readAt,
  };
  return db.transaction(async (tx) => {
    await lockStripeObject(tx, teamId, invoice.id!);
    const [written] = await tx
      .insert(invoices)
      .values({ id: newId('invoice'), ...values })
      .onConflictDoUpdate({
        target: [invoices.teamId, invoices.stripeInvoiceId],
        set: values,
        setWhere: or(isNull(invoices.stripeSyncedAt), lte(invoices.stripeSyncedAt, readAt)),
      })
      .returning();
    if (written) {
      await emitInvoiceEvent(tx, written, invoice);
      return written;
    }
    const [newer] = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.teamId, teamId), eq(invoices.stripeInvoiceId, invoice.id!)))
      .limit(1);
    return newer;
  });
}

/**
 * invoice.paid once per invoice; invoice.payment_failed once per failed attempt (an open invoice Stripe has
 * tried to charge: the attempt count tells the attempts apart). Both follow from the state, so a state
 * applied again, or read by a sync, emits nothing new.
 */
async function emitInvoiceEvent(tx: Executor, row: Invoice, invoice: Stripe.Invoice) {
  const project = { id: row.projectId, teamId: row.teamId };
  if (row.status === 'paid') {
    await emitWebhookEvent(tx, project, 'invoice.paid', invoiceView(row), { dedupeKey: `invoice.paid:${row.stripeInvoiceId}` });
  } else if (row.status === 'open' && invoice.attempt_count > 0) {
    const dedupeKey = `invoice.payment_failed:${row.stripeInvoiceId}:${invoice.attempt_count}`;
    await emitWebhookEvent(tx, project, 'invoice.payment_failed', invoiceView(row), { dedupeKey });
  }
}

/** An `invoice.*` event: Stripe's current state of the invoice. */
export async function applyInvoice({ db, stripe, teamId }: MirrorContext, id: string): Promise<ApplyResult> {
  const readAt = new Date();
  const invoice = await stripe.invoices.retrieve(id);
  const row = await upsertInvoiceFromStripe(db, stripe, teamId, invoice, readAt);
  if (!row) return ignored("the invoice's customer cannot be adopted");
  // A referee's first paid invoice qualifies their referral: after the write, outside its transaction.
  await onInvoicePaid(db, stripe, row);
  return applied(row.projectId);
}
