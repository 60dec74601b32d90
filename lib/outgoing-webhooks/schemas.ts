import { z } from 'zod';
import { paginationQuery } from '@/lib/http/pagination';
import { storableText } from '@/lib/http/schemas';
import { webhookEventTypes } from './events';

// Whether the host is a public address is checked against DNS by the service (a schema cannot resolve).
const url = z
  .string()
  .max(2048)
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an absolute https URL' }))
  .refine((value) => {
    // zod still runs this check after the URL check failed: that one already says what is wrong.
    if (!URL.canParse(value)) return true;
    const parsed = new URL(value);
    return parsed.username === '' && parsed.password === '';
  }, 'must not contain credentials');

const events = z
  .array(z.enum([...webhookEventTypes, '*']))
  .min(1)
  .max(webhookEventTypes.length + 1)
  .refine((list) => !list.includes('*') || list.length === 1, 'must be ["*"] alone or a list of event types')
  .transform((list) => [...new Set(list)]);

const description = storableText({ max: 256 });

export const createWebhookEndpointBody = z.object({ url, events, description: description.optional() }).strict();
export type CreateWebhookEndpointBody = z.infer<typeof createWebhookEndpointBody>;

export const updateWebhookEndpointBody = z
  .object({ url: url.optional(), events: events.optional(), enabled: z.boolean().optional(), description: description.nullable().optional() })
  .strict();
export type UpdateWebhookEndpointBody = z.infer<typeof updateWebhookEndpointBody>;

export const listWebhookEndpointsQuery = paginationQuery;
export const listWebhookDeliveriesQuery = paginationQuery.extend({ status: z.enum(['pending', 'succeeded', 'failed']).optional() });
export type ListWebhookDeliveriesQuery = z.infer<typeof listWebhookDeliveriesQuery>;
