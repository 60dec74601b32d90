import { z } from 'zod';

export const connectStripeBody = z
  .object({
    secretKey: z
      .string()
      .max(255)
      .regex(/^(sk_test|sk_live|rk_test|rk_live)_[0-9A-Za-z]+$/, 'Expected a Stripe secret key (sk_test_, sk_live_ or rk_)'),
  })
  .strict();
