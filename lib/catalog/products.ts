import { count, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { products, type Product, type Project } from '@/db/schema';
import { withAudit, type ActorContext, type AuditEntry } from '@/lib/audit/service';
import { NotFound } from '@/lib/http/errors';
import { isId } from '@/lib/http/ids';
import { isoTime } from '@/lib/http/respond';
import { orderFor } from '@/lib/http/sort';
import { inProject } from '@/lib/projects/scope';
import { stripeForTeam } from '@/lib/stripe/connection';
import { callStripe } from '@/lib/stripe/errors';
import { createInStripe, idForCreate, taggedMetadata } from '@/lib/stripe/metadata';
import { upsertProductFromStripe } from '@/lib/stripe/mirror/catalog';
import { ownRow } from '@/lib/stripe/mirror/object';
import type { CreateProductBody, ListProductsQuery, UpdateProductBody } from './schemas';

export function productView(product: Product) {
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    active: product.active,
    stripeProductId: product.stripeProductId,
    metadata: product.metadata,
    createdAt: isoTime(product.createdAt),
    updatedAt: isoTime(product.updatedAt),
  };
}

// Names compare case-insensitively: "apple" sorts beside "Apple", not after "Zebra".
const productOrder = { created: products.createdAt, name: sql`lower(${products.name})` };

export async function listProducts(db: Executor, project: Project, { limit, offset, sort, active }: ListProductsQuery) {
  const where = inProject(products, project, active === undefined ? undefined : eq(products.active, active));
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(products).where(where).orderBy(...orderFor(sort, productOrder, products.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(products).where(where),
  ]);
  return { products: rows.map(productView), total };
}

/** A product of the project; another project's or a malformed id is not found. */
export async function getProduct(db: Executor, project: Project, productId: string): Promise<Product> {
  const [product] = isId('product', productId)
    ? await db.select().from(products).where(inProject(products, project, eq(products.id, productId))).limit(1)
    : [];
  if (!product) throw new NotFound('Product not found');
  return product;
}

/**
 * Stripe first (tagged with our id), then our row from Stripe's answer. A Stripe failure stores nothing; if our
 * write fails, the tagged Stripe product is adopted under the same id by the next sync (or an idempotent retry).
 */
export async function createProduct(
  db: Executor,
  project: Project,
  body: CreateProductBody,
  { idempotencyKey, actor }: { idempotencyKey: string | null; actor: ActorContext },
) {
  const { stripe } = await stripeForTeam(db, project.teamId);
  const id = idForCreate('product', project, idempotencyKey, 'products.create');
  const created = await createInStripe(project, idempotencyKey, 'products.create', (options) =>
    stripe.products.create(
      { name: body.name, description: body.description, active: body.active, metadata: taggedMetadata(project, id, body.metadata) },
      options,
    ),
  );
  return mirrorAudited(db, actor, project, created, 'product.created');
}

/** Our row from Stripe's answer, written with its audit event. */
function mirrorAudited(db: Executor, actor: ActorContext, project: Project, product: Stripe.Product, action: AuditEntry['action']) {
  return withAudit(
    db,
    actor,
    async (tx) => ownRow(await upsertProductFromStripe(tx, project, product)),
    (row) => ({ action, target: { type: 'product', id: row.id } }),
  );
}

async function updateInStripe(
  db: Executor,
  { project, actor, action }: { project: Project; actor: ActorContext; action: AuditEntry['action'] },
  productId: string,
  params: Stripe.ProductUpdateParams,
) {
  const product = await getProduct(db, project, productId);
  const { stripe } = await stripeForTeam(db, project.teamId);
  // Stripe answers with the whole product (metadata merged as it does): that state is what we store.
  const updated = await callStripe(() => stripe.products.update(product.stripeProductId, params));
  return mirrorAudited(db, actor, project, updated, action);
}

export function updateProduct(db: Executor, project: Project, productId: string, body: UpdateProductBody, actor: ActorContext) {
  return updateInStripe(db, { project, actor, action: 'product.updated' }, productId, {
    name: body.name,
    // Stripe clears a field sent empty.
    description: body.description === null ? '' : body.description,
    active: body.active,
    metadata: body.metadata,
  });
}

/** Stripe keeps products that have prices, so deleting one archives it, there and here. */
export function archiveProduct(db: Executor, project: Project, productId: string, actor: ActorContext) {
  return updateInStripe(db, { project, actor, action: 'product.archived' }, productId, { active: false });
}
