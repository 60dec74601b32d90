import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { invoices, subscriptions } from '@/db/schema';
import { newId } from '@/lib/http/ids';
import { ensureCustomer } from './customers';
import { applied, idOf, ignored, lockStripeObject, stripeTime, type ApplyResult, type MirrorContext } from './object';
import { upsertSubscriptionFromStripe } from './subscriptions';

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
    periodStart: stripeTime(invoice.period_start),
    periodEnd: stripeTime(invoice.period_end),
    paidAt: stripeTime(invoice.status_transitions?.paid_at),
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

/** An `invoice.*` event: Stripe's current state of the invoice. */
export async function applyInvoice({ db, stripe, teamId }: MirrorContext, id: string): Promise<ApplyResult> {
  return db.transaction(async (tx) => {
    await lockStripeObject(tx, teamId, id);
    const invoice = await stripe.invoices.retrieve(id);
    return (await upsertInvoiceFromStripe(tx, stripe, teamId, invoice)) ? applied : ignored("the invoice's customer cannot be adopted");
  });
}
