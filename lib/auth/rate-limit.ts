import Redis from 'ioredis';

export interface RateLimitOutcome {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one request of `subject` in the current window (one second unless told). */
  hit(subject: string, limit: number, now?: number, windowSeconds?: number): Promise<RateLimitOutcome>;
  /** What `subject` has used of the current window, without counting a request. */
  used(subject: string, now?: number, windowSeconds?: number): Promise<number>;
  /** Adds one to the run of consecutive failures of `subject`, forgotten `forgetSeconds` after the last. */
  recordFailure(subject: string, now: number, forgetSeconds: number): Promise<FailureStreak>;
  /** The current run of consecutive failures of `subject` (count 0 when there is none). */
  failures(subject: string, now: number): Promise<FailureStreak>;
  /** Ends the run of `subject` (a success). */
  clearFailures(subject: string): Promise<void>;
}

export interface FailureStreak {
  count: number;
  /** Epoch milliseconds of the latest failure of the run. */
  lastAt: number;
}

const noStreak: FailureStreak = { count: 0, lastAt: 0 };

const windowOf = (now: number, windowSeconds: number) => Math.floor(now / 1000 / windowSeconds);
/** Seconds until the window that holds `now` ends: the Retry-After of a refusal in it. */
export const secondsLeft = (now: number, windowSeconds: number) => Math.max(1, Math.ceil((windowOf(now, windowSeconds) + 1) * windowSeconds - now / 1000));

/** One process only: fine for a single server or the embedded default. */
export class MemoryRateLimiter implements RateLimiter {
  private windows = new Map<string, { window: number; count: number }>();
  private streaks = new Map<string, FailureStreak & { forgetAt: number }>();

  async hit(subject: string, limit: number, now = Date.now(), windowSeconds = 1): Promise<RateLimitOutcome> {
    const window = windowOf(now, windowSeconds);
    const count = (await this.used(subject, now, windowSeconds)) + 1;
    this.windows.set(`${windowSeconds}:${subject}`, { window, count });
    return { allowed: count <= limit, retryAfterSeconds: secondsLeft(now, windowSeconds) };
  }

  async used(subject: string, now = Date.now(), windowSeconds = 1): Promise<number> {
    const current = this.windows.get(`${windowSeconds}:${subject}`);
    return current && current.window === windowOf(now, windowSeconds) ? current.count : 0;
  }

  async recordFailure(subject: string, now: number, forgetSeconds: number): Promise<FailureStreak> {
    const streak = { count: (await this.failures(subject, now)).count + 1, lastAt: now, forgetAt: now + forgetSeconds * 1000 };
    this.streaks.set(subject, streak);
    return { count: streak.count, lastAt: streak.lastAt };
  }

  async failures(subject: string, now: number): Promise<FailureStreak> {
    const streak = this.streaks.get(subject);
    return streak && streak.forgetAt > now ? { count: streak.count, lastAt: streak.lastAt } : noStreak;
  }

  async clearFailures(subject: string): Promise<void> {
    this.streaks.delete(subject);
  }
}

/** Shared by every process that points at the same Redis, so the limit holds across a fleet. */
export class RedisRateLimiter implements RateLimiter {
  constructor(private redis: Redis) {}

  private key(subject: string, now: number, windowSeconds: number) {
    return `billstack:ratelimit:${windowSeconds}:${subject}:${windowOf(now, windowSeconds)}`;
  }

  async hit(subject: string, limit: number, now = Date.now(), windowSeconds = 1): Promise<RateLimitOutcome> {
    const key = this.key(subject, now, windowSeconds);
    try {
      const results = await this.redis.multi().incr(key).expire(key, windowSeconds + 1).exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      return { allowed: count <= limit, retryAfterSeconds: secondsLeft(now, windowSeconds) };
    } catch (error) {
      // A Redis outage must not take the billing API down with it: fail open, loudly.
      console.error('rate limiter unavailable, allowing request', error);
      return { allowed: true, retryAfterSeconds: 0 };
    }
  }

  async used(subject: string, now = Date.now(), windowSeconds = 1): Promise<number> {
    try {
      return Number((await this.redis.get(this.key(subject, now, windowSeconds))) ?? 0);
    } catch (error) {
      console.error('rate limiter unavailable, allowing request', error);
      return 0;
    }
  }

  private streakKey(subject: string) {
    return `billstack:failures:${subject}`;
  }

  async recordFailure(subject: string, now: number, forgetSeconds: number): Promise<FailureStreak> {
    const key = this.streakKey(subject);
    try {
      // One MULTI so that concurrent failures from a botnet each count: the count is Redis's, not read-then-written.
      const results = await this.redis.multi().hincrby(key, 'count', 1).hset(key, 'lastAt', now).expire(key, forgetSeconds).exec();
      return { count: Number(results?.[0]?.[1] ?? 0), lastAt: now };
    } catch (error) {
      console.error('rate limiter unavailable, allowing request', error);
      return noStreak;
    }
  }

  async failures(subject: string): Promise<FailureStreak> {
    try {
      const streak = await this.redis.hgetall(this.streakKey(subject));
      return streak.count ? { count: Number(streak.count), lastAt: Number(streak.lastAt) } : noStreak;
    } catch (error) {
      console.error('rate limiter unavailable, allowing request', error);
      return noStreak;
    }
  }

  async clearFailures(subject: string): Promise<void> {
    try {
      await this.redis.del(this.streakKey(subject));
    } catch (error) {
      console.error('rate limiter unavailable, allowing request', error);
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
