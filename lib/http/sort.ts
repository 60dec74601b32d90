import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';

/** A list's order, as in Stripe's search: `field` ascending, `-field` descending. */
export type SortOrder<F extends string> = F | `-${F}`;

/** The `sort` query parameter of a list sortable on `fields`; left out, the list keeps its `fallback` order. */
export function sortQuery<const F extends string>(fields: readonly F[], fallback: SortOrder<F>) {
  const orders = fields.flatMap((field): SortOrder<F>[] => [field, `-${field}`]);
  return (
    z
      .enum(orders)
      // TypeScript cannot resolve zod's enum type over a generic F; `fallback` is one of `orders` by its type.
      .default(fallback as never)
      .meta({ description: `The order: a field ascending, or descending with a leading "-"; the id breaks ties. Default ${fallback}.` })
  );
}

/**
 * ORDER BY for a sort: the field's expression, then the id in the same direction, so rows with equal values keep
 * one order across pages. Empty values go last either way (Postgres puts NULL first when descending).
 */
export function orderFor<F extends string>(sort: SortOrder<F>, expressions: Record<F, SQLWrapper>, id: SQLWrapper): SQL[] {
  const descending = sort.startsWith('-');
  const field = (descending ? sort.slice(1) : sort) as F;
  const direction = sql.raw(descending ? 'desc' : 'asc');
  return [sql`${expressions[field]} ${direction} nulls last`, sql`${id} ${direction}`];
}
