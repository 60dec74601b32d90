import Stripe from 'stripe';
import { ApiError, UpstreamError } from '@/lib/http/errors';

/** Runs a Stripe call; a Stripe failure becomes a typed error (see `asUpstreamError`). */
export async function callStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asUpstreamError(error);
  }
}

/**
 * Stripe refused the request for a reason of the caller's: a declined card (402) or an invalid request
 * (400, or 404 for an object Stripe does not have). Passed on with Stripe's status, message and code, marked
 * `source: stripe` since the code is Stripe's, not one of ours.
 */
export class StripeRefusal extends ApiError {
  constructor(error: Stripe.errors.StripeCardError | Stripe.errors.StripeInvalidRequestError) {
    const card = error instanceof Stripe.errors.StripeCardError;
    const status = card ? 402 : error.statusCode === 404 ? 404 : 400;
    const declineCode = card ? error.decline_code : undefined;
    super(status, error.message, error.code ?? (card ? 'card_declined' : 'stripe_invalid_request'), {
      details: { source: 'stripe', ...(declineCode ? { declineCode } : {}) },
    });
  }
}

/**
 * A Stripe refusal the caller can act on keeps Stripe's meaning (`StripeRefusal`); Stripe unreachable, failing
 * (5xx, rate limited) or refusing the team's own key is BillStack's upstream failing: 502 with Stripe's message.
 */
export function asUpstreamError(error: unknown): unknown {
  // Timed out, the request reached Stripe and may have been done there: only a retry under the same key is safe.
  if (error instanceof Stripe.errors.StripeConnectionError && (error.detail as { code?: string } | undefined)?.code === Stripe.HttpClient.TIMEOUT_ERROR_CODE) {
    return new UpstreamError('Stripe did not answer in time and may have done the request. Retry with the same Idempotency-Key: it is never done twice.');
  }
  if (error instanceof Stripe.errors.StripeConnectionError) {
    return new UpstreamError('Stripe could not be reached; nothing was changed. Try again.');
  }
  if (error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripeInvalidRequestError) {
    return new StripeRefusal(error);
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
