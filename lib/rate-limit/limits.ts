import { rateLimiter, type FailureStreak } from '@/lib/auth/rate-limit';
import { ApiError, TooManyRequests } from '@/lib/http/errors';

/**
 * The public doors an attacker can knock on without credentials, and how often each may be knocked per
 * window. The defaults are on in development too, so they are exercised where code is written; each can
 * be changed with BILLSTACK_RATE_LIMITS (e.g. `signIn=50/60,portal=0/60`; a limit of 0 turns one off).
 */
const defaults = {
  /** Sign-in attempts per client IP. */
  signIn: { limit: 20, windowSeconds: 60 },
  /** Accounts created per client IP. */
  signUp: { limit: 20, windowSeconds: 3600 },
  /**
   * Consecutive failed sign-ins per account, whatever the IP (a password is not guessed from a botnet either):
   * after `limit` of them the account is locked, and the window here is not a window but the longest lock.
   */
  signInFailures: { limit: 5, windowSeconds: 900 },
  /** Portal requests per client IP (tokens are unguessable; this bounds scanning and scraping). */
  portal: { limit: 120, windowSeconds: 60 },
  /** Portal actions that write (cancel, resume, change, Stripe portal) per token. */
  portalActions: { limit: 10, windowSeconds: 60 },
  /** Webhook deliveries that fail verification, per client IP. */
  intakeFailures: { limit: 30, windowSeconds: 60 },
};
export type LimitName = keyof typeof defaults;
export interface Limit {
  limit: number;
  windowSeconds: number;
}

export function limitOf(name: LimitName): Limit {
  const configured = (process.env.BILLSTACK_RATE_LIMITS ?? '')
    .split(',')
    .map((entry) => entry.trim().match(/^(\w+)=(\d+)\/(\d+)$/))
    .find((match) => match?.[1] === name);
  return configured ? { limit: Number(configured[2]), windowSeconds: Math.max(1, Number(configured[3])) } : defaults[name];
}

/** Counts one request of `subject` against the named limit; 429 with Retry-After once it is used up. */
export async function throttle(name: LimitName, subject: string, now = Date.now()): Promise<void> {
  const { limit, windowSeconds } = limitOf(name);
  if (limit === 0) return;
  const outcome = await rateLimiter().hit(`${name}:${subject}`, limit, now, windowSeconds);
  if (!outcome.allowed) throw new TooManyRequests(outcome.retryAfterSeconds);
}

/** Refuses (429) while `subject` has used up the named limit, without counting this request. */
export async function refuseWhenExhausted(name: LimitName, subject: string, now = Date.now()): Promise<void> {
  const { limit, windowSeconds } = limitOf(name);
  if (limit === 0) return;
  const outcome = await rateLimiter().peek(`${name}:${subject}`, limit, now, windowSeconds);
  if (!outcome.allowed) throw new TooManyRequests(outcome.retryAfterSeconds);
}

/**
 * Runs `attempt`, counting it against the named limit only when the caller is refused (a 4xx): what is
 * limited is guessing (signatures, passwords), not honest traffic. Refused outright once the limit is used up.
 */
export async function limitFailures<T>(name: LimitName, subject: string, attempt: () => Promise<T>): Promise<T> {
  await refuseWhenExhausted(name, subject);
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) await countFailure(name, subject);
    throw error;
  }
}

export async function countFailure(name: LimitName, subject: string, now = Date.now()): Promise<void> {
  const { limit, windowSeconds } = limitOf(name);
  if (limit > 0) await rateLimiter().hit(`${name}:${subject}`, limit, now, windowSeconds);
}

/** The first lock of an account; each failure after it doubles the lock, up to signInFailures' window. */
const firstLockSeconds = 30;
/** A run of failures is forgotten after a quiet day, so that a typo now and then never adds up to a lock. */
const failureMemorySeconds = 86_400;

/**
 * How long an account is locked after `failures` consecutive failed sign-ins: nothing before the threshold,
 * then 30 s, 60 s, 120 s ... capped. A fixed window let a guesser resume at full speed when it ended; a lock
 * that doubles makes a slow, patient guess as costly as a fast one, while the owner's typo costs 30 s.
 */
export function signInLockSeconds(failures: number): number {
  const { limit, windowSeconds } = limitOf('signInFailures');
  if (limit === 0 || failures < limit) return 0;
  return Math.min(windowSeconds, firstLockSeconds * 2 ** (failures - limit));
}

function lockEndOf(streak: FailureStreak): number {
  return streak.lastAt + signInLockSeconds(streak.count) * 1000;
}

/** Refuses (429, Retry-After) a sign-in to an account that is locked, even with the right password. */
export async function refuseLockedAccount(account: string, now = Date.now()): Promise<void> {
  const lockEnd = lockEndOf(await rateLimiter().failures(`signInFailures:${account}`, now));
  if (lockEnd > now) throw new TooManyRequests(Math.ceil((lockEnd - now) / 1000));
}

/** Counts a failed sign-in to `account`, which starts or lengthens its lock once the threshold is reached. */
export async function countFailedSignIn(account: string, now = Date.now()): Promise<void> {
  if (limitOf('signInFailures').limit > 0) await rateLimiter().recordFailure(`signInFailures:${account}`, now, failureMemorySeconds);
}

/** A successful sign-in ends the run: the next failure is the first again. */
export async function clearFailedSignIns(account: string): Promise<void> {
  await rateLimiter().clearFailures(`signInFailures:${account}`);
}
