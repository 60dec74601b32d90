/**
 * Every `code` a BillStack error response can carry, with what it means: clients switch on these, never on
 * the English `error` message. A code, once published, keeps its meaning; new ones are added in CHANGELOG.md.
 * The one exception is an error Stripe refused for a reason of its own (a declined card, an invalid
 * parameter): its body says `"source": "stripe"` and `code` is Stripe's (https://docs.stripe.com/error-codes).
 */
export const errorCodes = {
  // 400
  bad_request: 'The request cannot be served as sent; the message says why',
  validation_error: 'A body or query field is invalid or unknown; `field` names it when there is one',
  invalid_json: 'The body is not well-formed JSON',
  invalid_content_type: 'The request needs Content-Type: application/json',
  invalid_idempotency_key: 'The Idempotency-Key header is not 1 to 255 printable characters',
  invalid_stripe_key: 'Stripe refused the secret key given to connect the team',
  invalid_stripe_signature: 'A Stripe webhook has a missing or invalid Stripe-Signature header',
  stripe_invalid_request: 'Stripe refused the request as invalid without a code of its own',
  referral_code_invalid: 'The referral code does not exist, is inactive, expired or used up',
  referral_not_allowed: 'The customer cannot be referred (own code, already referred, outside the window, referrals off)',
  // 401
  unauthorized: 'No valid credentials: sign in or send an API key',
  invalid_api_key: 'The API key or Authorization header is malformed or unknown',
  api_key_revoked: 'The API key has been revoked',
  api_key_expired: 'The API key has expired',
  api_key_not_allowed: 'Team-level endpoints take a dashboard session, not an API key',
  invalid_portal_token: 'The portal token is unknown',
  portal_token_expired: 'The portal token has expired: ask the merchant for a new link',
  portal_token_revoked: 'The portal token has been revoked',
  // 402
  card_declined: 'Stripe declined the card; `declineCode` gives its reason when Stripe does',
  // 403
  forbidden: 'The caller may not do this',
  missing_scope: 'The API key or session lacks the scope the endpoint needs',
  role_required: 'The action needs another role in the team (owner or admin)',
  cross_origin_refused: 'A session request that did not come from the BillStack app',
  // 404
  not_found: 'The resource does not exist or belongs to another team or project',
  endpoint_not_found: 'No endpoint at this path: GET /api/billstack/openapi.json lists them',
  api_key_not_found: 'No such API key in this team',
  customer_not_found: 'No such customer in this project',
  invitation_not_found: 'No such invitation',
  member_not_found: 'No such member in this team',
  plan_not_found: 'The price is not a plan this portal offers',
  portal_token_not_found: 'No such portal token in this project',
  price_not_found: 'No such price in this project',
  product_not_found: 'No such product in this project',
  project_not_found: 'No such project in this team',
  referral_code_not_found: 'No such referral code in this project',
  referral_not_found: 'No such referral in this project',
  subscription_not_found: 'No such subscription in this project',
  team_not_found: 'No such team, or the caller is not a member',
  webhook_delivery_not_found: 'No such delivery of this webhook endpoint',
  webhook_endpoint_not_found: 'No such webhook endpoint in this project',
  webhook_event_not_found: 'No such Stripe event in this team',
  // 409
  conflict: 'The request conflicts with the current state of the resource',
  email_taken: 'A customer with this email already exists in the project',
  already_member: 'The user is already a member of the team',
  last_owner: 'The team would be left without an owner',
  idempotency_key_reused: 'This Idempotency-Key was used with a different request',
  idempotency_key_in_use: 'A request with this Idempotency-Key is still running; retry shortly',
  stripe_not_connected: 'The team has not connected Stripe',
  referral_code_taken: 'The referral code already exists in the project',
  // 410
  gone: 'The resource existed but is used up or expired for good',
  // 413
  payload_too_large: 'The body exceeds the size limit',
  // 429
  rate_limited: 'Too many requests: wait for Retry-After seconds',
  // 5xx
  internal_error: 'An unexpected error; the message carries the request id to report',
  stripe_error: 'Stripe could not be reached, failed, or refused the team\'s credentials',
  service_unavailable: 'BillStack cannot serve requests yet (database not ready, configuration missing) or is shutting down',
  overloaded: 'This server process is serving as many requests as it takes at once: retry after Retry-After seconds',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof errorCodes;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}

/**
 * "Customer not found" → `customer_not_found`: the resource a 404 names gives its code, so the throw sites
 * keep their one-line messages. A message naming no catalogued resource gets the generic `not_found`.
 */
export function notFoundCode(message: string): ErrorCode {
  const resource = /^([A-Za-z][A-Za-z ]*) not found$/.exec(message)?.[1];
  const code = resource && `${resource.toLowerCase().replaceAll(' ', '_')}_not_found`;
  return isErrorCode(code) ? code : 'not_found';
}
