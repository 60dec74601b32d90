import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from '@/lib/auth/rate-limit';

describe('MemoryRateLimiter', () => {
  it('allows the limit within one second, refuses the next, and resets with the next second', async () => {
    const limiter = new MemoryRateLimiter();
    const second = 1_700_000_000_000;
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await limiter.hit('key_a', 3, second + i * 100));
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, false]);
    expect(outcomes[3].retryAfterSeconds).toBe(1);
    expect((await limiter.hit('key_a', 3, second + 1000)).allowed).toBe(true);
  });

  it('counts each key on its own', async () => {
    const limiter = new MemoryRateLimiter();
    const now = 1_700_000_000_000;
    await limiter.hit('key_a', 1, now);
    expect((await limiter.hit('key_a', 1, now)).allowed).toBe(false);
    expect((await limiter.hit('key_b', 1, now)).allowed).toBe(true);
  });
});
