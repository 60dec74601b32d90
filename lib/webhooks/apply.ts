import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { customers, prices, products } from '@/db/schema';
import type { Mirrored } from '@/lib/catalog/mirror';
import { upsertPriceFromStripe } from '@/lib/catalog/prices';
import { archiveProductDeletedInStripe, upsertProductFromStripe } from '@/lib/catalog/products';
import { markCouponDeleted, upsertCouponFromStripe } from '@/lib/coupons/service';
import { upsertCustomerFromStripe } from '@/lib/customers/service';
import { owningProject } from '@/lib/stripe/ownership';
import {
  ensureCustomer,
  lockStripeObject,
  recordSubscriptionChange,
  upsertInvoiceFromStripe,
  upsertSubscriptionFromStripe,
} from '@/lib/subscriptions/sync';
import type { StripeEventEnvelope } from './schemas';
import { unlessMissing } from '@/lib/stripe/errors';

export type ApplyResult = { status: 'applied' } | { status: 'ignored'; reason: string };

interface ApplyContext {
  db: Executor;
  stripe: Stripe;
  teamId: string;
  event: StripeEventEnvelope;
}

const applied: ApplyResult = { status: 'applied' };
const ignored = (reason: string): ApplyResult => ({ status: 'ignored', reason });

// Every handler re-reads the object from Stripe, so events may come in any order and any number of
// times: the last one applied always leaves Stripe's current state.
const handlers: Record<string, (ctx: ApplyContext, objectId: string) => Promise<ApplyResult>> = {
  async customer({ db, stripe, teamId }, id) {
    const customer = (await unlessMissing(() => stripe.customers.retrieve(id))) ?? deletedCustomer(id);
    const held = { table: customers, stripeId: customers.stripeCustomerId, value: id };
    const project = await owningProject(db, teamId, customer.deleted ? null : customer.metadata, held);
    if (!project) return ignored('the team has no project');
    return outcomeOf(await upsertCustomerFromStripe(db, project, customer));
  },

  async product({ db, stripe, teamId }, id) {
    const product = await unlessMissing(() => stripe.products.retrieve(id));
    if (!product || product.deleted) return outcomeOf(await archiveProductDeletedInStripe(db, teamId, id));
    const held = { table: products, stripeId: products.stripeProductId, value: id };
    const project = await owningProject(db, teamId, product.metadata, held);
    if (!project) return ignored('the team has no project');
    return outcomeOf(await upsertProductFromStripe(db, project, product));
  },

  async price({ db, stripe, teamId }, id) {
    const price = await unlessMissing(() => stripe.prices.retrieve(id));
    if (!price) return ignored('the price no longer exists in Stripe');
    const held = { table: prices, stripeId: prices.stripePriceId, value: id };
    const project = await owningProject(db, teamId, price.metadata, held);
    if (!project) return ignored('the team has no project');
    return outcomeOf(await upsertPriceFromStripe(db, project, price, stripe));
  },

  async coupon({ db, stripe, teamId }, id) {
    const coupon = await unlessMissing(() => stripe.coupons.retrieve(id));
    if (!coupon || coupon.deleted) await markCouponDeleted(db, teamId, id);
    else await upsertCouponFromStripe(db, teamId, coupon);
    return applied;
  },

  async subscription({ db, stripe, teamId, event }, id) {
    return db.transaction(async (tx) => {
      await lockStripeObject(tx, teamId, id);
      const subscription = await stripe.subscriptions.retrieve(id);
      const row = await upsertSubscriptionFromStripe(tx, stripe, teamId, subscription);
      if (!row) return ignored("the subscription's customer cannot be adopted");
      await recordSubscriptionChange(tx, stripe, row, {
        id: event.id,
        type: event.type,
        created: event.created,
        // The signature proved the payload is Stripe's, so its object has Stripe's subscription shape.
        object: event.data.object as unknown as Stripe.Subscription,
        previousAttributes: event.data.previous_attributes,
      });
      return applied;
    });
  },

  async invoice({ db, stripe, teamId }, id) {
    return db.transaction(async (tx) => {
      await lockStripeObject(tx, teamId, id);
      const invoice = await stripe.invoices.retrieve(id);
      return (await upsertInvoiceFromStripe(tx, stripe, teamId, invoice)) ? applied : ignored("the invoice's customer cannot be adopted");
    });
  },

  async 'checkout.session'({ db, stripe, teamId }, id) {
    const session = await stripe.checkout.sessions.retrieve(id);
    if (session.status !== 'complete') return ignored(`the checkout session is ${session.status}`);
    const customerId = idOf(session.customer);
    if (customerId) await ensureCustomer(db, stripe, teamId, customerId);
    const subscriptionId = idOf(session.subscription);
    if (subscriptionId) {
      await db.transaction(async (tx) => {
        await lockStripeObject(tx, teamId, subscriptionId);
        await upsertSubscriptionFromStripe(tx, stripe, teamId, await stripe.subscriptions.retrieve(subscriptionId));
      });
    }
    return applied;
  },
};

const idOf = (value: string | { id: string } | null) => (typeof value === 'string' ? value : (value?.id ?? null));

function deletedCustomer(id: string): Stripe.DeletedCustomer {
  return { id, object: 'customer', deleted: true };
}

function outcomeOf(mirrored: Mirrored<unknown>): ApplyResult {
  return mirrored.outcome === 'skipped' ? ignored(mirrored.reason) : applied;
}

/** The object kind an event is about, by Stripe's naming (`customer.subscription.updated` → subscription). */
function kindOf(event: StripeEventEnvelope): string {
  return event.data.object.object;
}

export async function applyStripeEvent(ctx: ApplyContext): Promise<ApplyResult> {
  const handler = handlers[kindOf(ctx.event)];
  const objectId = ctx.event.data.object.id;
  if (!handler || !objectId) return ignored(`BillStack does not use ${ctx.event.type} events`);
  return handler(ctx, objectId);
}
