import { z } from 'zod';
import { priceIntervals, type PriceInterval } from '@/db/schema';
import { paginationQuery } from '@/lib/http/pagination';
import { reference, storableText } from '@/lib/http/schemas';
import { sortQuery } from '@/lib/http/sort';
import { metadataInput } from '@/lib/stripe/metadata';

const activeFilter = z.enum(['true', 'false']).transform((value) => value === 'true');

const name = storableText({ max: 256 });
const description = storableText({ max: 5000 });

export const createProductBody = z
  .object({ name, description: description.optional(), active: z.boolean().optional(), metadata: metadataInput.optional() })
  .strict();
export type CreateProductBody = z.infer<typeof createProductBody>;

// As in Stripe, metadata is merged and a key set to "" is removed; description null clears it.
export const updateProductBody = z
  .object({
    name: name.optional(),
    description: description.nullable().optional(),
    active: z.boolean().optional(),
    metadata: metadataInput.optional(),
  })
  .strict();
export type UpdateProductBody = z.infer<typeof updateProductBody>;

export const listProductsQuery = paginationQuery.extend({ sort: sortQuery(['created', 'name'], '-created'), active: activeFilter.optional() });
export type ListProductsQuery = z.infer<typeof listProductsQuery>;

const currencies = new Set(Intl.supportedValuesOf('currency').map((code) => code.toLowerCase()));
/**
 * Stripe's limits on a price, exported so the dashboard's form states and checks the same ones: eight digits of
 * minor units, at most three years between two billings, trials up to two years.
 */
export const priceLimits = {
  maxUnitAmount: 99_999_999,
  maxIntervalCount: { day: 1095, week: 156, month: 36, year: 3 } satisfies Record<PriceInterval, number>,
  maxTrialDays: 730,
};
const { maxIntervalCount } = priceLimits;
const nickname = storableText({ max: 256 });

export const createPriceBody = z
  .object({
    unitAmount: z.number().int().min(0).max(priceLimits.maxUnitAmount),
    currency: z
      .string()
      .transform((code) => code.toLowerCase())
      .refine((code) => currencies.has(code), 'Expected a three-letter ISO 4217 currency code'),
    interval: z.enum(priceIntervals).optional(),
    intervalCount: z.number().int().min(1).optional(),
    trialDays: z.number().int().min(0).max(priceLimits.maxTrialDays).optional(),
    nickname: nickname.optional(),
    metadata: metadataInput.optional(),
  })
  .strict()
  .superRefine((price, ctx) => {
    for (const field of ['intervalCount', 'trialDays'] as const) {
      if (price[field] !== undefined && !price.interval) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'Only a recurring price (with interval) has one' });
      }
    }
    if (price.interval && price.intervalCount && price.intervalCount > maxIntervalCount[price.interval]) {
      ctx.addIssue({
        code: 'custom',
        path: ['intervalCount'],
        message: `At most ${maxIntervalCount[price.interval]} for interval ${price.interval} (three years)`,
      });
    }
  });
export type CreatePriceBody = z.infer<typeof createPriceBody>;

const immutable = z.never({ error: 'A price cannot change once created (as in Stripe); create a new price instead' }).optional();

export const updatePriceBody = z
  .object({
    active: z.boolean().optional(),
    nickname: nickname.nullable().optional(),
    metadata: metadataInput.optional(),
    productId: immutable,
    unitAmount: immutable,
    currency: immutable,
    interval: immutable,
    intervalCount: immutable,
    trialDays: immutable,
  })
  .strict();
export type UpdatePriceBody = z.infer<typeof updatePriceBody>;

export const listProductPricesQuery = paginationQuery.extend({ active: activeFilter.optional() });
export const listPricesQuery = listProductPricesQuery.extend({ productId: reference().optional() });
export type ListPricesQuery = z.infer<typeof listPricesQuery>;
