import Stripe from 'stripe';
import { throttledHttpClient, type TokenBucket } from './throttle';

/**
 * The one way product code gets a Stripe client. `STRIPE_API_BASE` points it at the local
 * emulator (e.g. `http://127.0.0.1:12111`); unset, it talks to Stripe. Retries are off because
 * BillStack decides itself when a Stripe call is safe to repeat. With a bucket, requests wait for its tokens
 * and rate limits are waited out (see throttle.ts): for background work, never for a request's own answer.
 */
export function stripeClient(secretKey: string, bucket?: TokenBucket): Stripe {
  const base = new URL(process.env.STRIPE_API_BASE || 'https://api.stripe.com');
  const protocol = base.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(secretKey, {
    host: base.hostname,
    port: base.port || (protocol === 'http' ? 80 : 443),
    protocol,
    maxNetworkRetries: 0,
    telemetry: false,
    timeout: 10_000,
    ...(bucket ? { httpClient: throttledHttpClient(bucket) } : {}),
  });
}
