/** Typed API errors: services throw them, only the route wrapper turns them into responses. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequest extends ApiError {
  constructor(message: string) {
    super(400, message);
  }
}

export class Unauthorized extends ApiError {
  constructor(message = 'Authentication required') {
    super(401, message);
  }
}

export class Forbidden extends ApiError {
  constructor(message: string) {
    super(403, message);
  }
}

export class NotFound extends ApiError {
  constructor(message: string) {
    super(404, message);
  }
}

export class Conflict extends ApiError {
  constructor(message: string) {
    super(409, message);
  }
}

/** The resource existed but is used up or expired for good (an invitation link). */
export class Gone extends ApiError {
  constructor(message: string) {
    super(410, message);
  }
}

export class PayloadTooLarge extends ApiError {
  constructor(limitBytes: number) {
    super(413, `Request body exceeds the limit of ${limitBytes} bytes`);
  }
}

export class TooManyRequests extends ApiError {
  constructor(retryAfterSeconds: number) {
    super(429, 'Rate limit exceeded', { 'Retry-After': String(retryAfterSeconds) });
  }
}

/** Stripe (or another upstream) failed; the message is the upstream's reason. */
export class UpstreamError extends ApiError {
  constructor(message: string) {
    super(502, message);
  }
}

export class ServiceUnavailable extends ApiError {
  constructor(message: string) {
    super(503, message);
  }
}
