import { describe, expect, it } from 'vitest';
import { listResponse, paginationQuery } from '@/lib/http/pagination';

describe('paginationQuery', () => {
  it('defaults to the first 50', () => {
    expect(paginationQuery.parse({})).toEqual({ limit: 50, offset: 0 });
  });

  it.each([
    [{ limit: '1', offset: '0' }, { limit: 1, offset: 0 }],
    [{ limit: '100', offset: '250' }, { limit: 100, offset: 250 }],
    [{ limit: '25' }, { limit: 25, offset: 0 }],
    [{ offset: '10' }, { limit: 50, offset: 10 }],
  ])('reads query strings %o as numbers', (query, expected) => {
    expect(paginationQuery.parse(query)).toEqual(expected);
  });

  it.each([
    [{ limit: '0' }, ['limit'], 'too_small'],
    [{ limit: '101' }, ['limit'], 'too_big'],
    [{ limit: 'abc' }, ['limit'], 'invalid_type'],
    [{ limit: '2.5' }, ['limit'], 'invalid_type'],
    [{ offset: '-1' }, ['offset'], 'too_small'],
    [{ offset: 'x' }, ['offset'], 'invalid_type'],
  ])('rejects %o', (query, path, code) => {
    const parsed = paginationQuery.safeParse(query);

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path, code });
  });
});

describe('listResponse', () => {
  it('names the array after the resource and carries the total', () => {
    expect(listResponse('projects', [{ id: 'proj_1' }], 7)).toEqual({ projects: [{ id: 'proj_1' }], total: 7 });
  });

  it('keeps the total when the page is empty', () => {
    expect(listResponse('teams', [], 3)).toEqual({ teams: [], total: 3 });
  });
});
