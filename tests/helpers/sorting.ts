import { expect } from 'vitest';

/**
 * Asserts a list's order for `sort`: `groups` in turn, the ids within a group (rows with an equal sort value) in any
 * order; and that the order is stable, the list read one row per page being the list read at once. Returns the ids.
 */
export async function expectOrder(idsOf: (query: Record<string, string | number>) => Promise<string[]>, sort: string, groups: string[][]) {
  const ids = await idsOf({ sort, limit: 100 });
  const sorted = (group: string[]) => [...group].sort();
  expect(ids).toHaveLength(groups.flat().length);
  let at = 0;
  for (const group of groups) {
    expect(sorted(ids.slice(at, at + group.length))).toEqual(sorted(group));
    at += group.length;
  }
  const onePerPage = await Promise.all(ids.map((_, offset) => idsOf({ sort, limit: 1, offset })));
  expect(onePerPage.flat()).toEqual(ids);
  return ids;
}
