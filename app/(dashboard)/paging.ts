import type { z } from 'zod';
import type { TableSort } from '@/components/data-table';

export const pageSize = 25;
const maxPage = 1_000_000;

/** `?page=` as a 1-based page number; anything unusable is the first page. */
export async function pageFrom(searchParams: Promise<Record<string, string | string[] | undefined>>) {
  const raw = (await searchParams).page;
  const parsed = Number(Array.isArray(raw) ? raw[0] : raw);
  const page = Number.isSafeInteger(parsed) && parsed >= 1 && parsed <= maxPage ? parsed : 1;
  return { page, limit: pageSize, offset: (page - 1) * pageSize };
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** One query parameter as a trimmed string, or undefined when absent or empty. */
export function firstParam(params: SearchParams, name: string): string | undefined {
  const raw = params[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}

/** The named query parameters (each as firstParam reads it), for a list's filters. */
export function paramsOf<const N extends string>(params: SearchParams, names: readonly N[]): Record<N, string | undefined> {
  return Object.fromEntries(names.map((name) => [name, firstParam(params, name)])) as Record<N, string | undefined>;
}

/** `path?a=1&b=2` from the filters that are set, so a list's links keep its filters. */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
  return query ? `${path}?${query}` : path;
}

/**
 * `?sort=` read with the API's own sort schema; an unknown order is the list's default, which stays out of the URL.
 * `query` is the filters and the order, for the pager's and the CSV's links; `table` gives the sortable headers links
 * that keep the filters and go back to the first page.
 */
export function listSort<S extends string>(params: SearchParams, schema: z.ZodType<S, S | undefined>, listPath: string, filters: Record<string, string | undefined>) {
  const fallback = schema.parse(undefined);
  const parsed = schema.safeParse(firstParam(params, 'sort'));
  const sort = parsed.success ? parsed.data : fallback;
  const paramOf = (order: string) => (order === fallback ? undefined : order);
  return {
    sort,
    query: { ...filters, sort: paramOf(sort) },
    table: { current: sort, href: (order: string) => withQuery(listPath, { ...filters, sort: paramOf(order) }) } satisfies TableSort,
  };
}
