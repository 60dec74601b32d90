import { z } from 'zod';
import { priceIntervals } from '@/db/schema';
import {
  createPriceBody,
  createProductBody,
  listPricesQuery,
  listProductPricesQuery,
  listProductsQuery,
  updatePriceBody,
  updateProductBody,
} from '@/lib/catalog/schemas';
import { endpoint, metadata, page, timestamp } from '../endpoint';
import { projectPath } from './projects';

const products = `${projectPath}/products`;
const product = `${products}/{productId}`;
const price = `${projectPath}/prices/{priceId}`;

const productResponse = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    active: z.boolean(),
    stripeProductId: z.string(),
    metadata,
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({
    id: 'Product',
    example: {
      id: 'pp_e5f6g7h8',
      name: 'Pro',
      description: 'Everything in Starter, and more',
      active: true,
      stripeProductId: 'prod_Nf0e5f6g7h8',
      metadata: {},
      createdAt: '2026-03-30T12:00:00.000Z',
      updatedAt: '2026-03-30T12:00:00.000Z',
    },
  });

export const priceInterval = z.enum(priceIntervals).nullable().meta({ description: 'null for a one-time price' });

const priceResponse = z
  .strictObject({
    id: z.string(),
    productId: z.string(),
    unitAmount: z.number().int().meta({ description: 'In minor units of the currency (cents for usd).' }),
    currency: z.string(),
    interval: priceInterval,
    intervalCount: z.number().int().nullable(),
    trialDays: z.number().int().nullable(),
    nickname: z.string().nullable(),
    active: z.boolean(),
    stripePriceId: z.string(),
    metadata,
    createdAt: timestamp,
  })
  .meta({
    id: 'Price',
    example: {
      id: 'pri_i9j0k1l2',
      productId: 'pp_e5f6g7h8',
      unitAmount: 2900,
      currency: 'usd',
      interval: 'month',
      intervalCount: 1,
      trialDays: 14,
      nickname: 'Pro monthly',
      active: true,
      stripePriceId: 'price_1Nf0i9j0k1l2',
      metadata: {},
      createdAt: '2026-03-30T12:00:00.000Z',
    },
  });

export const catalogApi = {
  listProducts: endpoint({
    method: 'GET',
    path: products,
    auth: 'project',
    scope: 'products:read',
    tag: 'Products & prices',
    summary: 'List products',
    query: listProductsQuery,
    response: { status: 200, schema: page('products', productResponse) },
  }),
  createProduct: endpoint({
    method: 'POST',
    path: products,
    auth: 'project',
    scope: 'products:write',
    tag: 'Products & prices',
    summary: 'Create a product (and its Stripe product)',
    body: createProductBody,
    bodyExample: { name: 'Pro', description: 'Everything in Starter, and more' },
    response: { status: 201, schema: z.strictObject({ product: productResponse }) },
    errors: [502],
  }),
  getProduct: endpoint({
    method: 'GET',
    path: product,
    auth: 'project',
    scope: 'products:read',
    tag: 'Products & prices',
    summary: 'Get a product',
    response: { status: 200, schema: z.strictObject({ product: productResponse }) },
  }),
  updateProduct: endpoint({
    method: 'PATCH',
    path: product,
    auth: 'project',
    scope: 'products:write',
    tag: 'Products & prices',
    summary: 'Update a product',
    body: updateProductBody,
    response: { status: 200, schema: z.strictObject({ product: productResponse }) },
    errors: [502],
  }),
  archiveProduct: endpoint({
    method: 'DELETE',
    path: product,
    auth: 'project',
    scope: 'products:write',
    tag: 'Products & prices',
    summary: 'Archive a product (Stripe keeps it, inactive)',
    response: { status: 200, schema: z.strictObject({ product: productResponse }) },
    errors: [502],
  }),
  listProductPrices: endpoint({
    method: 'GET',
    path: `${product}/prices`,
    auth: 'project',
    scope: 'products:read',
    tag: 'Products & prices',
    summary: "List a product's prices",
    query: listProductPricesQuery,
    response: { status: 200, schema: page('prices', priceResponse) },
  }),
  createPrice: endpoint({
    method: 'POST',
    path: `${product}/prices`,
    auth: 'project',
    scope: 'products:write',
    tag: 'Products & prices',
    summary: 'Create a price for a product',
    body: createPriceBody,
    bodyExample: { unitAmount: 2900, currency: 'usd', interval: 'month', trialDays: 14, nickname: 'Pro monthly' },
    response: { status: 201, schema: z.strictObject({ price: priceResponse }) },
    errors: [502],
  }),
  listPrices: endpoint({
    method: 'GET',
    path: `${projectPath}/prices`,
    auth: 'project',
    scope: 'products:read',
    tag: 'Products & prices',
    summary: 'List prices',
    query: listPricesQuery,
    response: { status: 200, schema: page('prices', priceResponse) },
  }),
  getPrice: endpoint({
    method: 'GET',
    path: price,
    auth: 'project',
    scope: 'products:read',
    tag: 'Products & prices',
    summary: 'Get a price',
    response: { status: 200, schema: z.strictObject({ price: priceResponse }) },
  }),
  updatePrice: endpoint({
    method: 'PATCH',
    path: price,
    auth: 'project',
    scope: 'products:write',
    tag: 'Products & prices',
    summary: "Update a price's nickname, activity or metadata (amounts are immutable, as in Stripe)",
    body: updatePriceBody,
    response: { status: 200, schema: z.strictObject({ price: priceResponse }) },
    errors: [502],
  }),
};
