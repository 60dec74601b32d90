import { z } from 'zod';
import { webhookEventStatuses } from '@/db/schema';
import { paginationQuery } from '@/lib/http/pagination';

/** The webhook log's filters: a status, an event type (`invoice.paid`), the Stripe object's id. */
export const listWebhookEventsQuery = paginationQuery
  .extend({
    status: z.enum(webhookEventStatuses).optional(),
    type: z.string().trim().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'expected an event type such as invoice.paid').max(100).optional(),
    objectId: z.string().trim().regex(/^[A-Za-z0-9_]{1,255}$/, 'expected a Stripe object id').optional(),
  })
  .strict();
export type ListWebhookEventsQuery = z.infer<typeof listWebhookEventsQuery>;
