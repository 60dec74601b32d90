// Runs in the server suite (npm run test:server), against the real Redis at REDIS_URL.
import { afterAll, describe, expect, it } from 'vitest';
import { connectRedis, RedisRateLimiter } from '@/lib/auth/rate-limit';
import { randomBase62 } from '@/lib/http/ids';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = connectRedis(redisUrl);
const secondRedis = connectRedis(redisUrl);

afterAll(async () => {
  await Promise.all([redis.quit(), secondRedis.quit()]);
});

describe('RedisRateLimiter', () => {
  it('holds one limit across two connections, as across two processes', async () => {
    const subject = `key_${randomBase62(12)}`;
    const first = new RedisRateLimiter(redis);
    const second = new RedisRateLimiter(secondRedis);
    const now = Date.now();
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await (i % 2 ? second : first).hit(subject, 4, now));
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, true, false, false]);
    expect(await redis.ttl(`billstack:ratelimit:${subject}:${Math.floor(now / 1000)}`)).toBeGreaterThan(0);
  });

  it('starts a new window each second', async () => {
    const subject = `key_${randomBase62(12)}`;
    const limiter = new RedisRateLimiter(redis);
    const now = Date.now();
    expect((await limiter.hit(subject, 1, now)).allowed).toBe(true);
    expect((await limiter.hit(subject, 1, now)).allowed).toBe(false);
    expect((await limiter.hit(subject, 1, now + 1000)).allowed).toBe(true);
  });
});
