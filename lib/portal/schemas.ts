import { z } from 'zod';
import { browserUrl, reference } from '@/lib/http/schemas';

const minute = 60;
const week = 7 * 24 * 60 * 60;

export const createPortalBody = z
  .object({
    customerId: reference(),
    returnUrl: browserUrl.optional(),
    expiresIn: z.number().int().min(minute).max(week).default(60 * minute),
  })
  .strict();
export type CreatePortalBody = z.infer<typeof createPortalBody>;

/** A portal plan switch names the price only: the project's defaults decide when and how it is billed. */
export const portalPlanChangeBody = z.object({ priceId: reference() }).strict();
export const portalPlanChangeQuery = z.object({ priceId: reference() }).strict();
