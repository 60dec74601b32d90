import { z } from 'zod';

export const paginationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type Pagination = z.infer<typeof paginationQuery>;

/** The contract's list shape: the named array plus the total, so clients can page. */
export function listResponse<K extends string, T>(key: K, items: T[], total: number) {
  return { [key]: items, total } as { [P in K]: T[] } & { total: number };
}
