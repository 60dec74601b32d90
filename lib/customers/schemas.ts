import { z } from 'zod';
import { paginationQuery } from '@/lib/http/pagination';
import { reference, storableText } from '@/lib/http/schemas';
import { sortQuery } from '@/lib/http/sort';
import { metadataInput } from '@/lib/stripe/metadata';

const email = z.string().trim().max(254).pipe(z.email());
const name = storableText({ max: 256 });

export const createCustomerBody = z.object({ email, name: name.optional(), metadata: metadataInput.optional() }).strict();
export type CreateCustomerBody = z.infer<typeof createCustomerBody>;

// As in Stripe, metadata is merged and a key set to "" is removed; name null clears the name.
export const updateCustomerBody = z
  .object({ email: email.optional(), name: name.nullable().optional(), metadata: metadataInput.optional() })
  .strict();
export type UpdateCustomerBody = z.infer<typeof updateCustomerBody>;

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** `createdFrom`/`createdTo` are UTC days, both included; `hasActiveSubscription` means active, trialing or past due. */
const customerFilters = {
  sort: sortQuery(['created', 'email'], '-created'),
  email: reference(254).optional(),
  q: storableText({ max: 200 }).optional(),
  hasActiveSubscription: flag.optional(),
  createdFrom: z.iso.date().optional(),
  createdTo: z.iso.date().optional(),
};
const createdInOrder = (query: { createdFrom?: string; createdTo?: string }) =>
  !query.createdFrom || !query.createdTo || query.createdFrom <= query.createdTo;
const createdOutOfOrder = { path: ['createdTo'], message: 'must not be before createdFrom' };

export const listCustomersQuery = paginationQuery.extend(customerFilters).refine(createdInOrder, createdOutOfOrder);
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>;

/** The list's filters and order, for a CSV of every customer they match. */
export const exportCustomersQuery = z.object(customerFilters).refine(createdInOrder, createdOutOfOrder);
export type ExportCustomersQuery = z.infer<typeof exportCustomersQuery>;

export const deleteCustomerQuery = z.object({ force: z.enum(['true', 'false']).default('false') });
