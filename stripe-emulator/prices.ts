import type Stripe from 'stripe';
import { accountNow, type Interval } from './clock';
import type { Ctx, Route } from './context';
import { invalidRequest, missingParam } from './errors';
import { emit } from './events';
import { mergeMetadata, type Params } from './form';
import { clone, findOr404, insert, listAll, newId, paginate, previousAttributes, wireDecimal } from './store';
import { createProduct } from './products';

const INTERVALS = ['day', 'week', 'month', 'year'] as const satisfies readonly Interval[];

function recurringFrom(body: Params): Stripe.Price.Recurring | null {
  const recurring = body.object('recurring');
  if (!recurring) return null;
  const interval = recurring.oneOf('interval', INTERVALS);
  if (!interval) throw missingParam('recurring[interval]');
  return {
    interval,
    interval_count: recurring.integer('interval_count', { min: 1 }) ?? 1,
    meter: null,
    trial_period_days: recurring.integer('trial_period_days', { min: 0 }) ?? null,
    usage_type: 'licensed',
  };
}

function createPrice(ctx: Ctx, body: Params): Stripe.Price {
  const productData = body.object('product_data');
  const productId = body.string('product');
  if (productId && productData) {
    throw invalidRequest('You may only specify one of these parameters: product, product_data.', 'product');
  }
  if (!productId && !productData) throw missingParam('product');
  const currency = body.requiredString('currency').toLowerCase();
  const unitAmount = body.integer('unit_amount', { min: 0 }) ?? body.decimal('unit_amount_decimal');
  if (unitAmount === undefined) throw missingParam('unit_amount');
  const recurring = recurringFrom(body);
  const active = body.boolean('active') ?? true;
  const taxBehavior = body.oneOf('tax_behavior', ['exclusive', 'inclusive', 'unspecified']) ?? 'unspecified';
  // Everything is validated before product_data creates a product.
  const product = productData
    ? createProduct(ctx, productData).id
    : findOr404(ctx.account, 'products', productId ?? '', 'product').id;
  const now = accountNow(ctx.account);
  const price: Stripe.Price = {
    id: newId('price'),
    object: 'price',
    active,
    billing_scheme: 'per_unit',
    created: now,
    currency,
    custom_unit_amount: null,
    livemode: ctx.account.livemode,
    lookup_key: body.string('lookup_key') ?? null,
    metadata: mergeMetadata({}, body.metadata()),
    nickname: body.string('nickname') ?? null,
    product,
    recurring,
    tax_behavior: taxBehavior,
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? 'recurring' : 'one_time',
    unit_amount: Math.round(unitAmount),
    unit_amount_decimal: wireDecimal(unitAmount),
  };
  insert(ctx.account, 'prices', price);
  emit(ctx, 'price.created', price, { at: now });
  return price;
}

function updatePrice(ctx: Ctx, price: Stripe.Price, body: Params): Stripe.Price {
  const before = clone(price);
  price.active = body.boolean('active') ?? price.active;
  const nickname = body.nullableString('nickname');
  if (nickname !== undefined) price.nickname = nickname;
  const lookupKey = body.nullableString('lookup_key');
  if (lookupKey !== undefined) price.lookup_key = lookupKey;
  price.metadata = mergeMetadata(price.metadata, body.metadata());
  const previous = previousAttributes(before, price);
  if (Object.keys(previous).length > 0) emit(ctx, 'price.updated', price, { previous, at: accountNow(ctx.account) });
  return price;
}

export const priceRoutes: Route[] = [
  { method: 'POST', path: '/v1/prices', handler: (req) => createPrice(req, req.body) },
  {
    method: 'GET',
    path: '/v1/prices/:id',
    handler: ({ account, params }) => findOr404(account, 'prices', params.id),
  },
  {
    method: 'POST',
    path: '/v1/prices/:id',
    handler: (req) => updatePrice(req, findOr404(req.account, 'prices', req.params.id), req.body),
  },
  {
    method: 'GET',
    path: '/v1/prices',
    handler: ({ account, body }) => {
      const product = body.string('product');
      // "Returns a list of your active prices": archived ones only when asked for with active=false.
      const active = body.boolean('active') ?? true;
      const type = body.oneOf('type', ['one_time', 'recurring']);
      const currency = body.string('currency');
      const lookupKeys = body.strings('lookup_keys');
      const prices = listAll(account, 'prices').filter(
        (p) =>
          (!product || p.product === product) &&
          p.active === active &&
          (!type || p.type === type) &&
          (!currency || p.currency === currency) &&
          (lookupKeys.length === 0 || (p.lookup_key !== null && lookupKeys.includes(p.lookup_key))),
      );
      return paginate(prices, body, '/v1/prices');
    },
  },
];
