// Runs in the server suite (npm run test:server), against the real Redis at REDIS_URL.
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, RedisRateLimiter } from '@/lib/auth/rate-limit';
import { ServiceUnavailable } from '@/lib/http/errors';
import { randomBase62 } from '@/lib/http/ids';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = connectRedis(redisUrl);
const secondRedis = connectRedis(redisUrl);
// Nothing listens on port 1: Redis is gone for this one.
const goneRedis = connectRedis('redis://127.0.0.1:1');
goneRedis.on('error', () => {});

// Until a connection is ready, the limiter counts in memory (see the Redis-gone tests): these count in Redis.
beforeAll(async () => {
  await Promise.all([redis, secondRedis].map((connection) => (connection.status === 'ready' ? null : once(connection, 'ready'))));
});

afterAll(async () => {
  await Promise.all([redis.quit(), secondRedis.quit()]);
  goneRedis.disconnect();
});

const subjectOf = () => `key_${randomBase62(12)}`;

describe('RedisRateLimiter', () => {
  it('holds one limit across two connections, as across two processes', async () => {
    const subject = subjectOf();
    const first = new RedisRateLimiter(redis);
    const second = new RedisRateLimiter(secondRedis);
    const now = Date.now();
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await (i % 2 ? second : first).hit(subject, 4, now));
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, true, false, false]);
    // Each connection reads the count the other wrote; refused requests are handed back.
    expect(await first.used(subject, now - (now % 1000))).toBe(4);
    expect(await second.used(subject, now - (now % 1000))).toBe(4);
  });

  it('never lets twice the limit through across a window boundary', async () => {
    const subject = subjectOf();
    const limiter = new RedisRateLimiter(redis);
    const boundary = Math.ceil(Date.now() / 1000) * 1000;
    const before = [];
    for (let i = 0; i < 5; i++) before.push(await limiter.hit(subject, 5, boundary - 5 + i));
    const after = [];
    for (let i = 0; i < 5; i++) after.push(await limiter.hit(subject, 5, boundary + i));
    expect(before.every((o) => o.allowed)).toBe(true);
    expect(after.some((o) => o.allowed)).toBe(false);
  });

  it('with Redis gone, still enforces request limits, in the memory of this process', async () => {
    const limiter = new RedisRateLimiter(goneRedis);
    const now = Date.now();
    const subject = subjectOf();
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await limiter.hit(subject, 3, now));
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, false]);
  });

  it('with Redis gone, the sign-in lock fails closed', async () => {
    const limiter = new RedisRateLimiter(goneRedis);
    const now = Date.now();
    await expect(limiter.failures(`signInFailures:${subjectOf()}`)).rejects.toBeInstanceOf(ServiceUnavailable);
    await expect(limiter.recordFailure(`signInFailures:${subjectOf()}`, now, 60)).rejects.toMatchObject({ status: 503 });
  });
});
