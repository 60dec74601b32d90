import { z } from 'zod';
import { paginationQuery } from '@/lib/http/pagination';

/** Stripe's subscription statuses, as Stripe spells them (we store and answer them unchanged). */
export const subscriptionStatuses = [
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'paused',
] as const;

export const listSubscriptionsQuery = paginationQuery.extend({
  customerId: z.string().max(100).optional(),
  status: z.enum(subscriptionStatuses).optional(),
});
export type ListSubscriptionsQuery = z.infer<typeof listSubscriptionsQuery>;

// Stripe's default is to cancel now; ours is the gentler end of the paid period.
export const cancelSubscriptionBody = z.object({ atPeriodEnd: z.boolean().default(true) }).strict();
export type CancelSubscriptionBody = z.infer<typeof cancelSubscriptionBody>;
