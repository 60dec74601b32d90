import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from '@/lib/auth/rate-limit';

// The start of a second, so that `+ ms` lands where a test means within the window.
const second = 1_700_000_000_000;

describe('MemoryRateLimiter (a sliding window)', () => {
  it('allows the limit within one window and refuses the next request', async () => {
    const limiter = new MemoryRateLimiter();
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await limiter.hit('key_a', 3, second + i * 100));
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, false]);
    expect(outcomes[3].retryAfterSeconds).toBe(1);
  });

  it('never lets twice the limit through across a window boundary', async () => {
    const limiter = new MemoryRateLimiter();
    const limit = 10;
    // The whole limit at the very end of one window, then a burst right after the boundary: a fixed window
    // allowed another 10 here, 20 within 20 ms.
    const before = [];
    for (let i = 0; i < limit; i++) before.push(await limiter.hit('key_b', limit, second + 990 + i));
    const after = [];
    for (let i = 0; i < limit; i++) after.push(await limiter.hit('key_b', limit, second + 1000 + i));
    expect(before.every((o) => o.allowed)).toBe(true);
    expect(after.filter((o) => o.allowed)).toHaveLength(0);
    expect(after[0].retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('lets requests through again as the previous window fades out', async () => {
    const limiter = new MemoryRateLimiter();
    for (let i = 0; i < 10; i++) await limiter.hit('key_c', 10, second + 500);
    // Half-way into the next window, half of the previous window's 10 still count.
    const halfWay = [];
    for (let i = 0; i < 6; i++) halfWay.push(await limiter.hit('key_c', 10, second + 1500));
    expect(halfWay.map((o) => o.allowed)).toEqual([true, true, true, true, true, false]);
    // A whole window later, the burst no longer counts at all.
    expect(await limiter.used('key_c', second + 2999)).toBeLessThan(0.1);
    expect((await limiter.hit('key_c', 1, second + 3000)).allowed).toBe(true);
  });

  it('hands refused requests back: a client retrying past its limit still gets the limit each window', async () => {
    const limiter = new MemoryRateLimiter();
    const allowedIn = [0, 0, 0];
    // 40 requests a window against a limit of 10, spread over three windows.
    for (let window = 0; window < 3; window++) {
      for (let i = 0; i < 40; i++) if ((await limiter.hit('key_e', 10, second + window * 1000 + i * 25)).allowed) allowedIn[window]++;
    }
    expect(allowedIn[0]).toBe(10);
    for (const allowed of allowedIn.slice(1)) expect(allowed).toBeGreaterThanOrEqual(8);
    expect(allowedIn.reduce((sum, allowed) => sum + allowed, 0)).toBeLessThanOrEqual(30);
  });

  it('peeks without counting', async () => {
    const limiter = new MemoryRateLimiter();
    expect((await limiter.hit('key_d', 2, second)).allowed).toBe(true);
    for (let i = 0; i < 3; i++) expect((await limiter.peek('key_d', 2, second)).allowed).toBe(true);
    expect((await limiter.hit('key_d', 2, second)).allowed).toBe(true);
    expect(await limiter.peek('key_d', 2, second)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('counts each key on its own', async () => {
    const limiter = new MemoryRateLimiter();
    await limiter.hit('key_a', 1, second);
    expect((await limiter.hit('key_a', 1, second)).allowed).toBe(false);
    expect((await limiter.hit('key_b', 1, second)).allowed).toBe(true);
  });
});
