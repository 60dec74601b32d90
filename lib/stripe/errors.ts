import Stripe from 'stripe';
import { UpstreamError } from '@/lib/http/errors';

/** Runs a Stripe call; a Stripe failure becomes a 502 carrying Stripe's own message. */
export async function callStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asUpstreamError(error);
  }
}

export function asUpstreamError(error: unknown): unknown {
  // Timed out, the request reached Stripe and may have been done there: only a retry under the same key is safe.
  if (error instanceof Stripe.errors.StripeConnectionError && (error.detail as { code?: string } | undefined)?.code === Stripe.HttpClient.TIMEOUT_ERROR_CODE) {
    return new UpstreamError('Stripe did not answer in time and may have done the request. Retry with the same Idempotency-Key: it is never done twice.');
  }
  if (error instanceof Stripe.errors.StripeConnectionError) {
    return new UpstreamError('Stripe could not be reached; nothing was changed. Try again.');
  }
  if (error instanceof Stripe.errors.StripeError) return new UpstreamError(error.message);
  return error;
}

export function isStripeMissing(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && error.code === 'resource_missing';
}

/** The call's result, or null when Stripe does not have the object (deleted there, or another account's). */
export async function unlessMissing<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (isStripeMissing(error)) return null;
    throw error;
  }
}
