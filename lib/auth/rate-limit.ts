import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ServiceUnavailable } from '@/lib/http/errors';
import { log } from '@/lib/log';

export interface RateLimitOutcome {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one request of `subject` against `limit` per sliding window (one second unless told). */
  hit(subject: string, limit: number, now?: number, windowSeconds?: number): Promise<RateLimitOutcome>;
  /** Whether one more request of `subject` would be allowed, without counting one. */
  peek(subject: string, limit: number, now?: number, windowSeconds?: number): Promise<RateLimitOutcome>;
  /** The sliding count of `subject`: this window's requests plus the previous window's, weighted. */
  used(subject: string, now?: number, windowSeconds?: number): Promise<number>;
  /** Adds one to the run of consecutive failures of `subject`, forgotten `forgetSeconds` after the last. */
  recordFailure(subject: string, now: number, forgetSeconds: number): Promise<FailureStreak>;
  /** The current run of consecutive failures of `subject` (count 0 when there is none). */
  failures(subject: string, now: number): Promise<FailureStreak>;
  /** Ends the run of `subject` (a success). */
  clearFailures(subject: string): Promise<void>;
  /** Lets go of the Redis connection, if any (shutdown). */
  close(): Promise<void>;
  /** Resolves once the shared store is connected (until then each process counts in its own memory). */
  ready(): Promise<void>;
}

export interface FailureStreak {
  count: number;
  /** Epoch milliseconds of the latest failure of the run. */
  lastAt: number;
}

const noStreak: FailureStreak = { count: 0, lastAt: 0 };

const windowOf = (now: number, windowSeconds: number) => Math.floor(now / 1000 / windowSeconds);

/**
 * A sliding window over two fixed ones: the requests of the current window plus those of the previous one,
 * weighted by how much of it still lies within `windowSeconds` of now. A fixed window let a client spend its
 * limit at the end of one window and again at the start of the next, twice the limit in a moment; here the
 * previous window's requests count in full at the boundary and fade out over the next window.
 * The counters are rate-limiter-flexible's (one API over memory and Redis); each lives for two windows.
 */
abstract class SlidingWindowLimiter {
  private counters = new Map<number, RateLimiterAbstract>();

  protected abstract newCounter(durationSeconds: number, keyPrefix: string): RateLimiterAbstract;

  private counter(windowSeconds: number): RateLimiterAbstract {
    let counter = this.counters.get(windowSeconds);
    if (!counter) {
      counter = this.newCounter(2 * windowSeconds, `billstack:ratelimit:${windowSeconds}`);
      this.counters.set(windowSeconds, counter);
    }
    return counter;
  }

  private async estimate(subject: string, now: number, windowSeconds: number, count: boolean) {
    const counter = this.counter(windowSeconds);
    const window = windowOf(now, windowSeconds);
    const [current, previous] = await Promise.all([
      count ? counter.penalty(`${subject}:${window}`, 1) : counter.get(`${subject}:${window}`),
      counter.get(`${subject}:${window - 1}`),
    ]);
    const elapsed = now / 1000 / windowSeconds - window;
    const currentCount = current?.consumedPoints ?? 0;
    const previousCount = previous?.consumedPoints ?? 0;
    return { currentCount, previousCount, elapsed, used: currentCount + previousCount * (1 - elapsed) };
  }

  private async outcome(subject: string, limit: number, now: number, windowSeconds: number, count: boolean): Promise<RateLimitOutcome> {
    const { currentCount, previousCount, elapsed, used } = await this.estimate(subject, now, windowSeconds, count);
    // Counted, this request is in `used`; a peek asks whether one more would fit.
    const needed = count ? limit : limit - 1;
    if (used <= needed) return { allowed: true, retryAfterSeconds: 0 };
    // A refused request is handed back: a client over its limit still gets the limit's worth each window
    // instead of being shut out for as long as it retries. Counted first and handed back after, so that
    // processes racing on one key never let more than the limit through.
    if (count) await this.counter(windowSeconds).reward(`${subject}:${windowOf(now, windowSeconds)}`, 1);
    // Until the previous window's share has faded enough for one more request, or this window has ended.
    const fadedAt = previousCount > 0 && currentCount < needed ? 1 - (needed - currentCount) / previousCount : 1;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((fadedAt - elapsed) * windowSeconds)) };
  }

  hit(subject: string, limit: number, now = Date.now(), windowSeconds = 1): Promise<RateLimitOutcome> {
    return this.outcome(subject, limit, now, windowSeconds, true);
  }

  peek(subject: string, limit: number, now = Date.now(), windowSeconds = 1): Promise<RateLimitOutcome> {
    return this.outcome(subject, limit, now, windowSeconds, false);
  }

  /** The sliding count of `subject` now: the current window's requests and the weighted previous ones. */
  async used(subject: string, now = Date.now(), windowSeconds = 1): Promise<number> {
    return (await this.estimate(subject, now, windowSeconds, false)).used;
  }
}

/** One process only: fine for a single server or the embedded default. */
export class MemoryRateLimiter extends SlidingWindowLimiter implements RateLimiter {
  private streaks = new Map<string, FailureStreak & { forgetAt: number }>();

  async ready(): Promise<void> {}

  async close(): Promise<void> {}

  protected newCounter(duration: number, keyPrefix: string): RateLimiterAbstract {
    return new RateLimiterMemory({ points: 1, duration, keyPrefix });
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

/**
 * Shared by every process that points at the same Redis, so the limits hold across a fleet. When Redis is
 * gone the two kinds of state fail differently:
 * - request limits (API keys, per-IP doors) fall back to this process's memory, so each process still
 *   enforces the limit on its own: the API keeps serving, at worst the limit times the number of processes;
 * - the sign-in lock fails closed (503): it is the one guard against password guessing, and a lock recorded
 *   in Redis before the outage cannot be seen from memory, so signing in waits for Redis rather than guessing.
 */
export class RedisRateLimiter extends SlidingWindowLimiter implements RateLimiter {
  constructor(private redis: Redis) {
    super();
  }

  async ready(): Promise<void> {
    if (this.redis.status !== 'ready') await new Promise<void>((resolve) => this.redis.once('ready', () => resolve()));
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  protected newCounter(duration: number, keyPrefix: string): RateLimiterAbstract {
    return new RateLimiterRedis({
      storeClient: this.redis,
      points: 1,
      duration,
      keyPrefix,
      // No waiting on a dead connection: straight to this process's own counters.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points: 1, duration, keyPrefix }),
    });
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
      throw lockUnavailable(error);
    }
  }

  async failures(subject: string): Promise<FailureStreak> {
    try {
      const streak = await this.redis.hgetall(this.streakKey(subject));
      return streak.count ? { count: Number(streak.count), lastAt: Number(streak.lastAt) } : noStreak;
    } catch (error) {
      throw lockUnavailable(error);
    }
  }

  async clearFailures(subject: string): Promise<void> {
    try {
      await this.redis.del(this.streakKey(subject));
    } catch (error) {
      // The sign-in has succeeded; the run is forgotten after a quiet day anyway.
      log.error({ err: error }, 'sign-in lock: could not clear a run of failures');
    }
  }
}

function lockUnavailable(error: unknown): ServiceUnavailable {
  log.error({ err: error }, 'sign-in lock unavailable (Redis), refusing the sign-in');
  return new ServiceUnavailable('Sign-in is temporarily unavailable');
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

/** Closes this process's limiter, if one was made (shutdown). */
export async function closeRateLimiter(): Promise<void> {
  const limiter = holder.__billstackRateLimiter;
  holder.__billstackRateLimiter = undefined;
  await limiter?.close();
}

export function apiKeyRateLimit(): number {
  const configured = Number(process.env.API_KEY_RATE_LIMIT ?? 100);
  return Number.isInteger(configured) && configured > 0 ? configured : 100;
}
