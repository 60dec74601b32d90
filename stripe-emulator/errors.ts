// Stripe's error envelope: `{ error: { type, code?, decline_code?, message, param? } }`.
// The SDK picks its error class from the HTTP status and `type`, so both must match Stripe's.
import type { FaultSpec } from './http';

export type StripeErrorType =
  | 'api_error'
  | 'card_error'
  | 'idempotency_error'
  | 'invalid_request_error'
  | 'rate_limit_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
}

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    /** Response headers that come with the error (`Retry-After` on an injected 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }

  toJSON(): { error: StripeErrorBody } {
    return { error: this.body };
  }
}

export function invalidRequest(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', message, param, code });
}

export function missingParam(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');
}

export function resourceMissing(label: string, id: string, param = 'id'): StripeApiError {
  return new StripeApiError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${label}: '${id}'`,
    param,
  });
}

export function cardDeclined(declineCode = 'generic_decline'): StripeApiError {
  const message =
    declineCode === 'insufficient_funds' ? 'Your card has insufficient funds.' : 'Your card was declined.';
  return new StripeApiError(402, { type: 'card_error', code: 'card_declined', decline_code: declineCode, message });
}

export function invalidApiKey(key: string | null): StripeApiError {
  const message = key
    ? `Invalid API Key provided: ${maskKey(key)}`
    : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').";
  return new StripeApiError(401, { type: 'invalid_request_error', message });
}

export function injectedFault({ status, retryAfter, shouldRetry }: Pick<FaultSpec, 'retryAfter' | 'shouldRetry'> & { status: 429 | 500 }): StripeApiError {
  const headers = {
    ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }),
    ...(shouldRetry === undefined ? {} : { 'stripe-should-retry': String(shouldRetry) }),
  };
  return status === 429
    ? new StripeApiError(
        429,
        {
          type: 'rate_limit_error',
          code: 'rate_limit',
          message: 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
        },
        headers,
      )
    : new StripeApiError(500, { type: 'api_error', message: 'An unknown error occurred (injected by the emulator).' }, headers);
}

// Stripe shows the key's prefix and last four characters only.
function maskKey(key: string): string {
  const prefix = /^[a-z]+_(test|live)_/.exec(key)?.[0] ?? '';
  return `${prefix}${'*'.repeat(Math.max(key.length - prefix.length - 4, 4))}${key.slice(-4)}`;
}
