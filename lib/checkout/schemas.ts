import { z } from 'zod';
import { createCustomerBody } from '@/lib/customers/schemas';
import { browserUrl, reference, storableText } from '@/lib/http/schemas';
import { metadataInput } from '@/lib/stripe/metadata';

export const createCheckoutBody = z
  .object({
    customerId: reference().optional(),
    customerEmail: createCustomerBody.shape.email.optional(),
    priceId: reference(),
    quantity: z.number().int().min(1).max(10_000).optional(),
    successUrl: browserUrl,
    cancelUrl: browserUrl,
    trialDays: z.number().int().min(1).max(730).optional(),
    referralCode: storableText({ max: 64 }).optional(),
    metadata: metadataInput.optional(),
  })
  .strict()
  .refine((body) => (body.customerId === undefined) !== (body.customerEmail === undefined), 'Send exactly one of customerId and customerEmail');
export type CreateCheckoutBody = z.infer<typeof createCheckoutBody>;
