import { count, desc, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { prices, type Price, type Project } from '@/db/schema';
import { withAudit, type ActorContext, type AuditEntry } from '@/lib/audit/service';
import { BadRequest, NotFound } from '@/lib/http/errors';
import { isId } from '@/lib/http/ids';
import { isoTime } from '@/lib/http/respond';
import { inProject } from '@/lib/projects/scope';
import { stripeForTeam } from '@/lib/stripe/connection';
import { callStripe } from '@/lib/stripe/errors';
import { createInStripe, idForCreate, taggedMetadata } from '@/lib/stripe/metadata';
import { upsertPriceFromStripe } from '@/lib/stripe/mirror/catalog';
import { ownRow } from '@/lib/stripe/mirror/object';
import { getProduct } from './products';
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

/** Stripe first (tagged with our id), then our row from Stripe's answer, as for products. */
export async function createPrice(
  db: Executor,
  project: Project,
  productId: string,
  body: CreatePriceBody,
  { idempotencyKey, actor }: { idempotencyKey: string | null; actor: ActorContext },
) {
  const product = await getProduct(db, project, productId);
  if (!product.active) throw new BadRequest('Product is archived: reactivate it before adding prices');
  const { stripe } = await stripeForTeam(db, project.teamId);
  const id = idForCreate('price', project, idempotencyKey, 'prices.create');
  const recurring = body.interval
    ? { interval: body.interval, interval_count: body.intervalCount ?? 1, trial_period_days: body.trialDays }
    : undefined;
  const created = await createInStripe(project, idempotencyKey, 'prices.create', (options) =>
    stripe.prices.create(
      {
        product: product.stripeProductId,
        unit_amount: body.unitAmount,
        currency: body.currency,
        recurring,
        nickname: body.nickname,
        metadata: taggedMetadata(project, id, body.metadata),
      },
      options,
    ),
  );
  return mirrorAudited(db, actor, project, created, 'price.created');
}

/** Our row from Stripe's answer, written with its audit event (the price's product is ours: no Stripe read). */
function mirrorAudited(db: Executor, actor: ActorContext, project: Project, price: Stripe.Price, action: AuditEntry['action']) {
  return withAudit(
    db,
    actor,
    async (tx) => ownRow(await upsertPriceFromStripe(tx, project, price)),
    (row) => ({ action, target: { type: 'price', id: row.id } }),
  );
}

/** Only what Stripe lets change on a price: amounts and intervals are fixed once it exists. */
export async function updatePrice(db: Executor, project: Project, priceId: string, body: UpdatePriceBody, actor: ActorContext) {
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
  return mirrorAudited(db, actor, project, updated, 'price.updated');
}
