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
    // Each connection reads the count the other wrote.
    expect([await first.used(subject, now), await second.used(subject, now)]).toEqual([6, 6]);
    // The counter expires: RedisRateLimiter's key (`billstack:ratelimit:{windowSeconds}:{subject}:{window}`, the
    // window here the default of one second) holds that count and carries a TTL of at most windowSeconds + 1.
    const key = `billstack:ratelimit:1:${subject}:${Math.floor(now / 1000 / 1)}`;
    expect(await redis.get(key)).toBe('6');
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2);
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
