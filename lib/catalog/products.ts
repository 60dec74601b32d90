import { and, count, desc, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { products, type Product, type Project } from '@/db/schema';
import { NotFound } from '@/lib/http/errors';
import { isId } from '@/lib/http/ids';
import { isoTime } from '@/lib/http/respond';
import { inProject } from '@/lib/projects/scope';
import { stripeForTeam } from '@/lib/stripe/connection';
import { callStripe } from '@/lib/stripe/errors';
import { clientMetadata, createInStripe, idForCreate, taggedMetadata } from '@/lib/stripe/metadata';
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

export async function listProducts(db: Executor, project: Project, { limit, offset, active }: ListProductsQuery) {
  const where = inProject(products, project, active === undefined ? undefined : eq(products.active, active));
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(products).where(where).orderBy(desc(products.createdAt), desc(products.id)).limit(limit).offset(offset),
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
  { idempotencyKey }: { idempotencyKey: string | null },
) {
  const { stripe } = await stripeForTeam(db, project.teamId);
  const id = idForCreate('product', project, idempotencyKey, 'products.create');
  const created = await createInStripe(project, idempotencyKey, 'products.create', (options) =>
    stripe.products.create(
      { name: body.name, description: body.description, active: body.active, metadata: taggedMetadata(project, id, body.metadata) },
      options,
    ),
  );
  return ownRow(await upsertProductFromStripe(db, project, created));
}

async function updateInStripe(db: Executor, project: Project, productId: string, params: Stripe.ProductUpdateParams) {
  const product = await getProduct(db, project, productId);
  const { stripe } = await stripeForTeam(db, project.teamId);
  // Stripe answers with the whole product (metadata merged as it does): that state is what we store.
  const updated = await callStripe(() => stripe.products.update(product.stripeProductId, params));
  return ownRow(await upsertProductFromStripe(db, project, updated));
}

export function updateProduct(db: Executor, project: Project, productId: string, body: UpdateProductBody) {
  return updateInStripe(db, project, productId, {
    name: body.name,
    // Stripe clears a field sent empty.
    description: body.description === null ? '' : body.description,
    active: body.active,
    metadata: body.metadata,
  });
}

/** Stripe keeps products that have prices, so deleting one archives it, there and here. */
export function archiveProduct(db: Executor, project: Project, productId: string) {
  return updateInStripe(db, project, productId, { active: false });
}
