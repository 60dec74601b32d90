import Stripe from 'stripe';

/**
 * A token bucket: `rate` requests a second, bursts up to one second's worth. Callers past the bucket queue in
 * order (the balance goes negative and each waits for its own token), so a burst waits instead of failing.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt = Date.now();

  constructor(readonly rate: number) {
    this.tokens = rate;
  }

  async take(): Promise<void> {
    const now = Date.now();
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.updatedAt) / 1000) * this.rate) - 1;
    this.updatedAt = now;
    if (this.tokens < 0) await sleep((-this.tokens / this.rate) * 1000);
  }

  /** Stripe said to wait: nobody takes a token before `ms` from now. */
  pause(ms: number): void {
    this.tokens = Math.min(this.tokens, 0) - (ms / 1000) * this.rate;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function positiveEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Requests per second BillStack allows itself per Stripe account, under Stripe's own limits (25/s in test
 * mode, 100/s live) so that the API calls of the dashboard and the API keep room next to the webhook worker.
 */
export function stripeRateFor(livemode: boolean): number {
  return livemode ? positiveEnv('STRIPE_RATE_LIMIT_LIVE', 80) : positiveEnv('STRIPE_RATE_LIMIT_TEST', 20);
}

const buckets = new Map<string, TokenBucket>();

/** The process's bucket for one Stripe account (all teams connected to it share it). */
export function bucketFor(accountId: string, livemode: boolean): TokenBucket {
  let bucket = buckets.get(accountId);
  if (!bucket) buckets.set(accountId, (bucket = new TokenBucket(stripeRateFor(livemode))));
  return bucket;
}

const rateLimitRetries = 6;
const maxRetryDelayMs = 30_000;

/** How long to wait before retrying: Stripe's `Retry-After` when it sends one, else exponential with jitter. */
function retryDelayMs(retryAfter: string | undefined, attempt: number): number {
  const seconds = Number(retryAfter);
  if (retryAfter && Number.isFinite(seconds) && seconds >= 0) return Math.min(maxRetryDelayMs, seconds * 1000);
  const ceiling = Math.min(maxRetryDelayMs, 500 * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

type RequestArgs = Parameters<Stripe.HttpClient['makeRequest']>;

/**
 * Stripe's HTTP client behind a token bucket. A 429 (unless `Stripe-Should-Retry: false`) and any answer with
 * `Stripe-Should-Retry: true` are retried after `Retry-After` or a backoff, pausing the account's bucket; a 429
 * means Stripe did not run the request, so retrying a write is safe too. After a few tries the answer goes
 * back to the SDK, which raises it.
 */
class ThrottledHttpClient extends Stripe.HttpClient {
  constructor(
    private readonly inner: Stripe.HttpClient,
    private readonly bucket: TokenBucket,
  ) {
    super();
  }

  getClientName() {
    return `throttled-${this.inner.getClientName()}`;
  }

  async makeRequest(...args: RequestArgs) {
    for (let attempt = 0; ; attempt++) {
      await this.bucket.take();
      const res = await this.inner.makeRequest(...args);
      const headers = res.getHeaders() as Record<string, string | undefined>;
      const shouldRetry = headers['stripe-should-retry'];
      const retry = shouldRetry === 'true' || (res.getStatusCode() === 429 && shouldRetry !== 'false');
      if (!retry || attempt >= rateLimitRetries) return res;
      // The body is unread: drain it so the connection goes back to the pool.
      await res.toJSON().catch(() => undefined);
      // Everyone on the account waits, this retry first in line.
      this.bucket.pause(retryDelayMs(headers['retry-after'], attempt));
    }
  }
}

export function throttledHttpClient(bucket: TokenBucket): Stripe.HttpClient {
  return new ThrottledHttpClient(Stripe.createNodeHttpClient(), bucket);
}
