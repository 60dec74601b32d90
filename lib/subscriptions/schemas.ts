import { z } from 'zod';
import { reference } from '@/lib/http/schemas';
import { planChangeTimings, prorationBehaviors } from '@/db/schema';
import { paginationQuery } from '@/lib/http/pagination';
import { sortQuery } from '@/lib/http/sort';

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

/** The statuses in which a customer still has the subscription (paying, in a trial, or being dunned). */
export const liveSubscriptionStatuses = ['active', 'trialing', 'past_due'] as const satisfies (typeof subscriptionStatuses)[number][];

const subscriptionFilters = {
  sort: sortQuery(['created', 'status', 'current_period_end'], '-created'),
  customerId: reference().optional(),
  status: z.enum(subscriptionStatuses).optional(),
  // Subscriptions with an item on this price.
  priceId: reference().optional(),
};
export const listSubscriptionsQuery = paginationQuery.extend(subscriptionFilters);
export type ListSubscriptionsQuery = z.infer<typeof listSubscriptionsQuery>;

/** The dashboard's project invoices: Stripe's statuses group, amounts in several currencies would not compare. */
export const invoiceSort = sortQuery(['created', 'status'], '-created');

/** The list's filters and order, for a CSV of every subscription they match. */
export const exportSubscriptionsQuery = z.object(subscriptionFilters);
export type ExportSubscriptionsQuery = z.infer<typeof exportSubscriptionsQuery>;

// Stripe's default is to cancel now; ours is the gentler end of the paid period.
export const cancelSubscriptionBody = z.object({ atPeriodEnd: z.boolean().default(true) }).strict();
export type CancelSubscriptionBody = z.infer<typeof cancelSubscriptionBody>;

/**
 * A plan change: the subscription's items after it. `when` and `proration` left out take the project's
 * default for the direction of the change (lib/projects/settings.ts). `proration` only matters now: a
 * change at the period end starts a fresh period and has nothing to prorate.
 */
export const changePlanBody = z
  .object({
    items: z
      .array(z.object({ priceId: reference(), quantity: z.number().int().min(1).max(10_000).default(1) }).strict())
      .min(1)
      // Stripe's own limit of items on one subscription.
      .max(20),
    when: z.enum(planChangeTimings).optional(),
    proration: z.enum(prorationBehaviors).optional(),
    // Stripe's advice for "the invoice equals the preview": prorate as of the preview's moment.
    prorationDate: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type ChangePlanBody = z.infer<typeof changePlanBody>;
