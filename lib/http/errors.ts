import { notFoundCode, type ErrorCode } from './error-codes';

interface ErrorExtras {
  headers?: Record<string, string>;
  /** Members the body carries beside `error` and `code` (`field` of a validation error). */
  details?: Record<string, string>;
}

/**
 * Typed API errors: services throw them, only the route wrapper turns them into responses. Each class has a
 * default code (lib/http/error-codes.ts); a thrower that knows better passes a specific one.
 */
export class ApiError extends Error {
  readonly headers: Record<string, string>;
  readonly details: Record<string, string>;

  constructor(
    readonly status: number,
    message: string,
    /** One of `errorCodes`, or Stripe's own code on a refusal passed on from Stripe. */
    readonly code: string,
    { headers = {}, details = {} }: ErrorExtras = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.headers = headers;
    this.details = details;
  }
}

export class BadRequest extends ApiError {
  constructor(message: string, code: ErrorCode = 'bad_request', extras?: ErrorExtras) {
    super(400, message, code, extras);
  }
}

/** A body or query field is invalid: `field` is its dotted path, when the problem has one. */
export class ValidationError extends BadRequest {
  constructor(message: string, field?: string) {
    super(message, 'validation_error', { details: field ? { field } : {} });
  }
}

export class Unauthorized extends ApiError {
  constructor(message = 'Authentication required', code: ErrorCode = 'unauthorized') {
    super(401, message, code);
  }
}

export class Forbidden extends ApiError {
  constructor(message: string, code: ErrorCode = 'forbidden') {
    super(403, message, code);
  }
}

export class NotFound extends ApiError {
  constructor(message: string, code: ErrorCode = notFoundCode(message)) {
    super(404, message, code);
  }
}

export class Conflict extends ApiError {
  constructor(message: string, code: ErrorCode = 'conflict') {
    super(409, message, code);
  }
}

/** The resource existed but is used up or expired for good (an invitation link). */
export class Gone extends ApiError {
  constructor(message: string) {
    super(410, message, 'gone');
  }
}

export class PayloadTooLarge extends ApiError {
  constructor(limitBytes: number) {
    super(413, `Request body exceeds the limit of ${limitBytes} bytes`, 'payload_too_large');
  }
}

export class TooManyRequests extends ApiError {
  constructor(retryAfterSeconds: number) {
    super(429, 'Rate limit exceeded', 'rate_limited', { headers: { 'Retry-After': String(retryAfterSeconds) } });
  }
}

/** Stripe (or another upstream) failed; the message is the upstream's reason. */
export class UpstreamError extends ApiError {
  constructor(message: string) {
    super(502, message, 'stripe_error');
  }
}

export class ServiceUnavailable extends ApiError {
  /** `retryAfterSeconds` when the cause is known to pass soon (the database restarting): clients wait that long. */
  constructor(message: string, retryAfterSeconds?: number) {
    super(503, message, 'service_unavailable', retryAfterSeconds === undefined ? {} : { headers: { 'Retry-After': String(retryAfterSeconds) } });
  }
}

/** The 500 for anything untyped: only the request id leaves the server. */
export class InternalError extends ApiError {
  constructor(requestId: string) {
    super(500, `Internal server error (request ${requestId})`, 'internal_error');
  }
}
