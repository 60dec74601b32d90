import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { coupons, priceIntervals, prices, products, type Price, type Product, type Project } from '@/db/schema';
import { inProject } from '@/lib/projects/scope';
import { stripeForTeam } from '@/lib/stripe/connection';
import { callStripe, unlessMissing } from '@/lib/stripe/errors';
import { clientMetadata } from '@/lib/stripe/metadata';
import { owningProject } from '@/lib/stripe/ownership';
import { applied, ignored, mirrorStripeObject, outcomeOf, skip, type ApplyResult, type Mirrored, type MirrorContext } from './object';

export async function findProductByStripeId(db: Executor, project: Project, stripeProductId: string): Promise<Product | null> {
  const [product] = await db
    .select()
    .from(products)
    .where(inProject(products, project, eq(products.stripeProductId, stripeProductId)))
    .limit(1);
  return product ?? null;
}

/** Our row from Stripe's state of the product: what every write here, a sync and the webhook intake go through. */
export function upsertProductFromStripe(db: Executor, project: Project, stripeProduct: Stripe.Product): Promise<Mirrored<Product>> {
  return mirrorStripeObject(db, project, { table: products, stripeIdKey: 'stripeProductId', kind: 'product' }, stripeProduct, {
    name: stripeProduct.name,
    description: stripeProduct.description,
    active: stripeProduct.active,
    metadata: clientMetadata(stripeProduct.metadata),
  });
}

/** Stripe deletes only products without prices; ours stays, archived, so history keeps its name. */
export async function archiveProductDeletedInStripe(db: Executor, teamId: string, stripeProductId: string): Promise<Mirrored<Product>> {
  const [row] = await db
    .update(products)
    .set({ active: false, updatedAt: new Date() })
    .where(and(eq(products.teamId, teamId), eq(products.stripeProductId, stripeProductId), eq(products.active, true)))
    .returning();
  return row ? { outcome: 'updated', row } : skip('no active product of the team has it');
}

/**
 * The project's product a Stripe price belongs to. A price can come before its product (webhooks arrive in any
 * order): the product is then fetched and adopted first. null when the product is not this project's.
 */
async function productOfStripePrice(
  db: Executor,
  project: Project,
  ref: Stripe.Price['product'],
  stripe: Stripe | undefined,
): Promise<Product | null> {
  const stripeProductId = typeof ref === 'string' ? ref : ref.id;
  const known = await findProductByStripeId(db, project, stripeProductId);
  if (known) return known;
  let stripeProduct: Stripe.Product;
  if (typeof ref === 'string' || ref.deleted) {
    const client = stripe ?? (await stripeForTeam(db, project.teamId)).stripe;
    stripeProduct = await callStripe(() => client.products.retrieve(stripeProductId));
  } else {
    stripeProduct = ref;
  }
  return (await upsertProductFromStripe(db, project, stripeProduct)).row;
}

/** Our row from Stripe's state of the price: what every write here, a sync and the webhook intake go through. */
export async function upsertPriceFromStripe(
  db: Executor,
  project: Project,
  stripePrice: Stripe.Price,
  stripe?: Stripe,
): Promise<Mirrored<Price>> {
  const { recurring } = stripePrice;
  const interval = recurring ? priceIntervals.find((known) => known === recurring.interval) : null;
  // Tiered and pay-what-you-want prices have no unit amount: BillStack's catalog does not model them.
  if (stripePrice.unit_amount === null) return skip('the price has no unit amount');
  if (interval === undefined) return skip(`unknown interval ${recurring?.interval}`);
  const product = await productOfStripePrice(db, project, stripePrice.product, stripe);
  if (!product) return skip('its product is not this project\'s');
  return mirrorStripeObject(db, project, { table: prices, stripeIdKey: 'stripePriceId', kind: 'price' }, stripePrice, {
    productId: product.id,
    unitAmount: stripePrice.unit_amount,
    currency: stripePrice.currency,
    interval,
    intervalCount: recurring?.interval_count ?? null,
    trialDays: recurring?.trial_period_days ?? null,
    nickname: stripePrice.nickname,
    active: stripePrice.active,
    metadata: clientMetadata(stripePrice.metadata),
  });
}

/** Writes Stripe's current state of a coupon (account-wide, so kept per team). */
export async function upsertCouponFromStripe(db: Executor, teamId: string, coupon: Stripe.Coupon) {
  const values = {
    teamId,
    stripeCouponId: coupon.id,
    name: coupon.name,
    percentOff: coupon.percent_off === null ? null : Math.round(coupon.percent_off),
    amountOff: coupon.amount_off,
    currency: coupon.currency,
    duration: coupon.duration,
    durationInMonths: coupon.duration_in_months,
    valid: coupon.valid,
    deleted: false,
    createdAt: new Date(coupon.created * 1000),
    updatedAt: new Date(),
  };
  await db.insert(coupons).values(values).onConflictDoUpdate({ target: [coupons.teamId, coupons.stripeCouponId], set: values });
}

export async function markCouponDeleted(db: Executor, teamId: string, stripeCouponId: string) {
  await db
    .update(coupons)
    .set({ deleted: true, valid: false, updatedAt: new Date() })
    .where(and(eq(coupons.teamId, teamId), eq(coupons.stripeCouponId, stripeCouponId)));
}

/** A `product.*` event: Stripe's current state of the product; one deleted there is archived here. */
export async function applyProduct({ db, stripe, teamId }: MirrorContext, id: string): Promise<ApplyResult> {
  const product = await unlessMissing(() => stripe.products.retrieve(id));
  if (!product || product.deleted) return outcomeOf(await archiveProductDeletedInStripe(db, teamId, id));
  const held = { table: products, stripeId: products.stripeProductId, value: id };
  const project = await owningProject(db, teamId, product.metadata, held);
  if (!project) return ignored('the team has no project');
  return outcomeOf(await upsertProductFromStripe(db, project, product));
}

/** A `price.*` event: Stripe's current state of the price. */
export async function applyPrice({ db, stripe, teamId }: MirrorContext, id: string): Promise<ApplyResult> {
  const price = await unlessMissing(() => stripe.prices.retrieve(id));
  if (!price) return ignored('the price no longer exists in Stripe');
  const held = { table: prices, stripeId: prices.stripePriceId, value: id };
  const project = await owningProject(db, teamId, price.metadata, held);
  if (!project) return ignored('the team has no project');
  return outcomeOf(await upsertPriceFromStripe(db, project, price, stripe));
}

/** A `coupon.*` event: Stripe's current state of the coupon, or its deletion. */
export async function applyCoupon({ db, stripe, teamId }: MirrorContext, id: string): Promise<ApplyResult> {
  const coupon = await unlessMissing(() => stripe.coupons.retrieve(id));
  if (!coupon || coupon.deleted) await markCouponDeleted(db, teamId, id);
  else await upsertCouponFromStripe(db, teamId, coupon);
  // Coupons are the team's, not one project's.
  return applied(null);
}
