import { sql } from 'drizzle-orm';
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

/**
 * Selected next to a page's rows, the number of rows the query matches before its limit and offset: the list
 * and its total in one round trip.
 */
export const totalOver = sql<number>`count(*) over()`.mapWith(Number);

/**
 * The total of a page selected with `totalOver`. Only a page past the end, which carries no row to read it
 * from, costs a separate count.
 */
export async function totalOfPage(page: { total: number }[], offset: number, countAll: () => Promise<number>): Promise<number> {
  if (page.length > 0) return page[0].total;
  return offset === 0 ? 0 : countAll();
}
