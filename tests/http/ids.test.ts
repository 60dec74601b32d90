import { describe, expect, it } from 'vitest';
import { idPrefixes, isId, newId, randomBase62, type IdKind } from '@/lib/http/ids';

const kinds = Object.keys(idPrefixes) as IdKind[];

describe('newId', () => {
  it.each(kinds)('a %s id is its prefix, an underscore and 20 base62 characters', (kind) => {
    const id = newId(kind);

    expect(id).toMatch(new RegExp(`^${idPrefixes[kind]}_[0-9a-zA-Z]{20}$`));
    expect(isId(kind, id)).toBe(true);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('customer')));

    expect(ids.size).toBe(1000);
  });

  it('pins the prefixes of the contract', () => {
    expect(idPrefixes).toMatchObject({ team: 'team', project: 'proj', customer: 'pc', product: 'pp', price: 'pri', subscription: 'ps', request: 'req' });
  });

  it('gives every kind its own prefix', () => {
    expect(new Set(Object.values(idPrefixes)).size).toBe(kinds.length);
  });
});

describe('randomBase62', () => {
  it.each([1, 20, 64, 200])('returns exactly %i base62 characters', (length) => {
    expect(randomBase62(length)).toMatch(new RegExp(`^[0-9a-zA-Z]{${length}}$`));
  });

  it('uses the whole alphabet, roughly evenly', () => {
    const counts = new Map<string, number>();
    for (const char of randomBase62(620_000)) counts.set(char, (counts.get(char) ?? 0) + 1);

    expect(counts.size).toBe(62);
    // 10,000 expected per character (standard deviation ~100); a plain `byte % 62` would give the first
    // eight characters ~12,100 and the rest ~9,700.
    for (const count of counts.values()) expect(count).toBeGreaterThan(9_500);
    for (const count of counts.values()) expect(count).toBeLessThan(10_500);
  });
});

describe('isId', () => {
  it.each([
    ['team', 'team_a', true],
    ['team', `team_${'a'.repeat(64)}`, true],
    ['team', `team_${'a'.repeat(65)}`, false],
    ['team', 'team_', false],
    ['team', 'team', false],
    ['team', 'proj_abc', false],
    ['team', 'teamx_abc', false],
    ['team', 'xteam_abc', false],
    ['team', 'team_abc-def', false],
    ['team', 'team_abc/../x', false],
    ['team', 'team_abc\n', false],
    ['team', 'TEAM_abc', false],
    ['project', 'proj_AbC123', true],
    ['project', "proj_1' or '1'='1", false],
    ['customer', 'pc_abc', true],
    ['customer', 'pp_abc', false],
    ['price', 'pri_abc', true],
    ['product', 'pri_abc', false],
  ] as const)('isId(%s, %j) is %s', (kind, value, expected) => {
    expect(isId(kind, value)).toBe(expected);
  });
});
