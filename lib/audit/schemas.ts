import { z } from 'zod';
import { paginationQuery } from '@/lib/http/pagination';
import { storableText } from '@/lib/http/schemas';

export const listAuditEventsQuery = paginationQuery
  .extend({
    actor: storableText({ max: 100 }).optional(),
    action: z.string().trim().regex(/^[a-z_]+\.[a-z_]+$/, 'expected an action such as api_key.created').optional(),
    from: z.iso.datetime({ offset: true }).transform((value) => new Date(value)).optional(),
    to: z.iso.datetime({ offset: true }).transform((value) => new Date(value)).optional(),
  })
  .strict();
export type ListAuditEventsQuery = z.infer<typeof listAuditEventsQuery>;
