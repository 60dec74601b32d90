import { count, desc, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { priceIntervals, prices, type Price, type Product, type Project } from '@/db/schema';
import { BadRequest, NotFound } from '@/lib/http/errors';
import { isId } from '@/lib/http/ids';
import { isoTime } from '@/lib/http/respond';
import { inProject } from '@/lib/projects/scope';
import { stripeForTeam } from '@/lib/stripe/connection';
import { callStripe } from '@/lib/stripe/errors';
import { clientMetadata, idForCreate, stripeRequestOptions, taggedMetadata } from '@/lib/stripe/metadata';
import { mirrorStripeObject, ownRow, skip, type Mirrored } from './mirror';
import { findProductByStripeId, getProduct, upsertProductFromStripe } from './products';
import type { CreatePriceBody, ListPricesQuery, UpdatePriceBody } from './schemas';

export function priceView(price: Price) {
  return {
    id: price.id,
    productId: price.productId,
    unitAmount: price.unitAmount,
    currency: price.currency,
    interval: price.interval,
    intervalCount: price.intervalCount,
    trialDays: price.trialDays,
    nickname: price.nickname,
    active: price.active,
    stripePriceId: price.stripePriceId,
    metadata: price.metadata,
    createdAt: isoTime(price.createdAt),
  };
}

export async function listPrices(db: Executor, project: Project, { limit, offset, active, productId }: ListPricesQuery) {
  const where = inProject(
    prices,
    project,
    active === undefined ? undefined : eq(prices.active, active),
    productId === undefined ? undefined : eq(prices.productId, productId),
  );
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(prices).where(where).orderBy(desc(prices.createdAt), desc(prices.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(prices).where(where),
  ]);
  return { prices: rows.map(priceView), total };
}

/** A price of the project; another project's or a malformed id is not found. */
export async function getPrice(db: Executor, project: Project, priceId: string): Promise<Price> {
  const [price] = isId('price', priceId)
    ? await db.select().from(prices).where(inProject(prices, project, eq(prices.id, priceId))).limit(1)
    : [];
  if (!price) throw new NotFound('Price not found');
  return price;
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

/** Stripe first (tagged with our id), then our row from Stripe's answer, as for products. */
export async function createPrice(
  db: Executor,
  project: Project,
  productId: string,
  body: CreatePriceBody,
  { idempotencyKey }: { idempotencyKey: string | null },
) {
  const product = await getProduct(db, project, productId);
  if (!product.active) throw new BadRequest('Product is archived: reactivate it before adding prices');
  const { stripe } = await stripeForTeam(db, project.teamId);
  const id = idForCreate('price', project, idempotencyKey, 'prices.create');
  const recurring = body.interval
    ? { interval: body.interval, interval_count: body.intervalCount ?? 1, trial_period_days: body.trialDays }
    : undefined;
  const created = await callStripe(() =>
    stripe.prices.create(
      {
        product: product.stripeProductId,
        unit_amount: body.unitAmount,
        currency: body.currency,
        recurring,
        nickname: body.nickname,
        metadata: taggedMetadata(project, id, body.metadata),
      },
      stripeRequestOptions(project, idempotencyKey, 'prices.create'),
    ),
  );
  return ownRow(await upsertPriceFromStripe(db, project, created, stripe));
}

/** Only what Stripe lets change on a price: amounts and intervals are fixed once it exists. */
export async function updatePrice(db: Executor, project: Project, priceId: string, body: UpdatePriceBody) {
  const price = await getPrice(db, project, priceId);
  const { stripe } = await stripeForTeam(db, project.teamId);
  const updated = await callStripe(() =>
    stripe.prices.update(price.stripePriceId, {
      active: body.active,
      // Stripe clears a field sent empty.
      nickname: body.nickname === null ? '' : body.nickname,
      metadata: body.metadata,
    }),
  );
  return ownRow(await upsertPriceFromStripe(db, project, updated, stripe));
}
