import type Stripe from 'stripe';
import { accountNow } from './clock';
import type { Ctx, Route } from './context';
import { invalidRequest } from './errors';
import { emit } from './events';
import { mergeMetadata, type Params } from './form';
import { clone, findOr404, insert, listAll, newId, paginate, previousAttributes } from './store';

/** Creates a product from `name`, `description`, ... (also `product_data` of a price or line item). */
export function createProduct(ctx: Ctx, body: Params): Stripe.Product {
  const now = accountNow(ctx.account);
  const product: Stripe.Product = {
    id: body.string('id') ?? newId('prod', 14),
    object: 'product',
    active: body.boolean('active') ?? true,
    created: now,
    default_price: null,
    description: body.nullableString('description') ?? null,
    images: body.strings('images'),
    livemode: ctx.account.livemode,
    marketing_features: [],
    metadata: mergeMetadata({}, body.metadata()),
    name: body.requiredString('name'),
    package_dimensions: null,
    shippable: null,
    statement_descriptor: body.nullableString('statement_descriptor') ?? null,
    tax_code: body.nullableString('tax_code') ?? null,
    tax_details: null,
    type: 'service',
    unit_label: body.nullableString('unit_label') ?? null,
    updated: now,
    url: body.nullableString('url') ?? null,
  };
  insert(ctx.account, 'products', product);
  emit(ctx, 'product.created', product, { at: now });
  return product;
}

function updateProduct(ctx: Ctx, product: Stripe.Product, body: Params): Stripe.Product {
  const before = clone(product);
  const name = body.string('name');
  if (name !== undefined) product.name = name || product.name;
  product.active = body.boolean('active') ?? product.active;
  for (const field of ['description', 'statement_descriptor', 'unit_label', 'url'] as const) {
    const value = body.nullableString(field);
    if (value !== undefined) product[field] = value;
  }
  if (body.has('images')) product.images = body.strings('images');
  const defaultPrice = body.nullableString('default_price');
  if (defaultPrice) {
    const price = findOr404(ctx.account, 'prices', defaultPrice, 'default_price');
    if (price.product !== product.id) {
      throw invalidRequest(`The price ${defaultPrice} does not belong to product ${product.id}.`, 'default_price');
    }
  }
  if (defaultPrice !== undefined) product.default_price = defaultPrice;
  product.metadata = mergeMetadata(product.metadata, body.metadata());
  const previous = previousAttributes(before, product);
  if (Object.keys(previous).length > 0) {
    product.updated = accountNow(ctx.account);
    emit(ctx, 'product.updated', product, { previous, at: product.updated });
  }
  return product;
}

export const productRoutes: Route[] = [
  { method: 'POST', path: '/v1/products', handler: (req) => createProduct(req, req.body) },
  {
    method: 'GET',
    path: '/v1/products/:id',
    handler: ({ account, params }) => findOr404(account, 'products', params.id),
  },
  {
    method: 'POST',
    path: '/v1/products/:id',
    handler: (req) => updateProduct(req, findOr404(req.account, 'products', req.params.id), req.body),
  },
  {
    method: 'DELETE',
    path: '/v1/products/:id',
    handler: (req) => {
      const product = findOr404(req.account, 'products', req.params.id);
      if (listAll(req.account, 'prices').some((price) => price.product === product.id)) {
        throw invalidRequest('This product cannot be deleted because it has one or more user-created prices.');
      }
      delete req.account.objects.products[product.id];
      emit(req, 'product.deleted', product, { at: accountNow(req.account) });
      const deleted: Stripe.DeletedProduct = { id: product.id, object: 'product', deleted: true };
      return deleted;
    },
  },
  {
    method: 'GET',
    path: '/v1/products',
    handler: ({ account, body }) => {
      // Unlike prices, Stripe lists products active and archived alike unless `active` is given.
      const active = body.boolean('active');
      const ids = body.strings('ids');
      const products = listAll(account, 'products').filter(
        (p) => (active === undefined || p.active === active) && (ids.length === 0 || ids.includes(p.id)),
      );
      return paginate(products, body, '/v1/products');
    },
  },
];
