import Redis from 'ioredis';

export interface RateLimitOutcome {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one request of `subject` in the current one-second window. */
  hit(subject: string, limitPerSecond: number, now?: number): Promise<RateLimitOutcome>;
}

const currentSecond = (now: number) => Math.floor(now / 1000);

/** One process only: fine for a single server or the embedded default. */
export class MemoryRateLimiter implements RateLimiter {
  private windows = new Map<string, { second: number; count: number }>();

  async hit(subject: string, limitPerSecond: number, now = Date.now()): Promise<RateLimitOutcome> {
    const second = currentSecond(now);
    const window = this.windows.get(subject);
    const count = window && window.second === second ? window.count + 1 : 1;
    this.windows.set(subject, { second, count });
    return { allowed: count <= limitPerSecond, retryAfterSeconds: 1 };
  }
}

/** Shared by every process that points at the same Redis, so the limit holds across a fleet. */
export class RedisRateLimiter implements RateLimiter {
  constructor(private redis: Redis) {}

  async hit(subject: string, limitPerSecond: number, now = Date.now()): Promise<RateLimitOutcome> {
    const key = `billstack:ratelimit:${subject}:${currentSecond(now)}`;
    try {
      const results = await this.redis.multi().incr(key).expire(key, 2).exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      return { allowed: count <= limitPerSecond, retryAfterSeconds: 1 };
    } catch (error) {
      // A Redis outage must not take the billing API down with it: fail open, loudly.
      console.error('rate limiter unavailable, allowing request', error);
      return { allowed: true, retryAfterSeconds: 0 };
    }
  }
}

export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false });
}

const holder = globalThis as typeof globalThis & { __billstackRateLimiter?: RateLimiter };

export function rateLimiter(): RateLimiter {
  holder.__billstackRateLimiter ??= process.env.REDIS_URL
    ? new RedisRateLimiter(connectRedis(process.env.REDIS_URL))
    : new MemoryRateLimiter();
  return holder.__billstackRateLimiter;
}

export function apiKeyRateLimit(): number {
  const configured = Number(process.env.API_KEY_RATE_LIMIT ?? 100);
  return Number.isInteger(configured) && configured > 0 ? configured : 100;
}
