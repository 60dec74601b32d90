import { z } from 'zod';
import { paginationQuery } from '@/lib/http/pagination';
import { storableText } from '@/lib/http/schemas';
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

export const listCustomersQuery = paginationQuery.extend({
  email: z.string().max(254).optional(),
  q: z.string().trim().min(1).max(200).optional(),
});
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>;

export const deleteCustomerQuery = z.object({ force: z.enum(['true', 'false']).default('false') });
