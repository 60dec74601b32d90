import { and, eq, ne } from 'drizzle-orm';
import type Stripe from 'stripe';
import { isUniqueViolation, type Executor } from '@/db/client';
import { customers, type Customer, type Project } from '@/db/schema';
import { customerView, live, sameEmail } from '@/lib/customers/service';
import { emitWebhookEvent } from '@/lib/outgoing-webhooks/events';
import { unlessMissing } from '@/lib/stripe/errors';
import { clientMetadata } from '@/lib/stripe/metadata';
import { owningProject } from '@/lib/stripe/ownership';
import { ignored, mirrorStripeObject, outcomeOf, skip, type ApplyResult, type Mirrored, type MirrorContext } from './object';

/**
 * Our row from Stripe's state of the customer, for a sync and the webhook intake (see mirrorStripeObject).
 * A customer deleted in Stripe is deleted here; one without an email, or whose email another live customer of
 * the project already has, is not adopted (BillStack customers have unique emails).
 */
export async function upsertCustomerFromStripe(
  db: Executor,
  project: Project,
  stripeCustomer: Stripe.Customer | Stripe.DeletedCustomer,
): Promise<Mirrored<Customer>> {
  // One transaction, so the change and its outgoing webhook event commit together.
  const write = () =>
    db.transaction(async (tx) => {
      const mirrored = await writeCustomer(tx, project, stripeCustomer);
      if (mirrored.outcome === 'created' || mirrored.outcome === 'updated') {
        const type = stripeCustomer.deleted ? 'customer.deleted' : `customer.${mirrored.outcome}` as const;
        await emitWebhookEvent(tx, project, type, customerView(mirrored.row));
      }
      return mirrored;
    });
  try {
    return await write();
  } catch (error) {
    // Two applies adopting one new customer at once (its own event and a subscription's): the upsert's target
    // lets both through, the email index refuses the later insert. Written again, it finds the row and updates it.
    if (!isUniqueViolation(error)) throw error;
    return write();
  }
}

async function writeCustomer(tx: Executor, project: Project, stripeCustomer: Stripe.Customer | Stripe.DeletedCustomer): Promise<Mirrored<Customer>> {
  if (stripeCustomer.deleted) {
    const [row] = await tx
      .update(customers)
      .set({ deletedAt: new Date(), updatedAt: new Date() })
      .where(live(project, eq(customers.stripeCustomerId, stripeCustomer.id)))
      .returning();
    return row ? { outcome: 'updated', row } : skip('no live customer of this project has it');
  }
  const { email } = stripeCustomer;
  if (!email) return skip('the customer has no email');
  const [taken] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(live(project, sameEmail(email), ne(customers.stripeCustomerId, stripeCustomer.id)))
    .limit(1);
  if (taken) return skip(`another customer of this project has the email ${email}`);
  return mirrorStripeObject(tx, project, { table: customers, stripeIdKey: 'stripeCustomerId', kind: 'customer' }, stripeCustomer, {
    email,
    name: stripeCustomer.name,
    metadata: clientMetadata(stripeCustomer.metadata),
    // Adopted customers keep Stripe's sign-up time; a sync also backfills rows written before it was stored.
    stripeCreatedAt: new Date(stripeCustomer.created * 1000),
  });
}

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

/** A `customer.*` event: Stripe's current state of the customer, or its deletion. */
export async function applyCustomer({ db, stripe, teamId }: MirrorContext, id: string): Promise<ApplyResult> {
  const customer = (await unlessMissing(() => stripe.customers.retrieve(id))) ?? deletedCustomer(id);
  const held = { table: customers, stripeId: customers.stripeCustomerId, value: id };
  const project = await owningProject(db, teamId, customer.deleted ? null : customer.metadata, held);
  if (!project) return ignored('the team has no project');
  return outcomeOf(await upsertCustomerFromStripe(db, project, customer));
}

function deletedCustomer(id: string): Stripe.DeletedCustomer {
  return { id, object: 'customer', deleted: true };
}
