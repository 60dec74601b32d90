// Stripe's idempotency layer (https://docs.stripe.com/api/idempotent_requests): the status and body of the
// first request with a key are saved once the endpoint began executing, a 500 included, and replayed for
// 24 hours; a request refused before executing (authentication, parameter validation, a concurrent request
// holding the key) saves nothing, so fixing it and retrying with the same key executes it.
import { accountNow } from './clock';
import { StripeApiError, invalidRequest } from './errors';
import type { AccountState, StoredResponse } from './store';

const KEY_LIFETIME_SECONDS = 24 * 3600;
const MAX_KEY_LENGTH = 255;

export interface Outcome {
  status: number;
  body: unknown;
  /** False when the request was refused before the endpoint began executing. */
  executed: boolean;
  headers?: Record<string, string>;
}

function mismatch(key: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'idempotency_error',
    message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
  });
}

function inProgress(key: string): StripeApiError {
  return new StripeApiError(409, {
    type: 'idempotency_error',
    message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
  });
}

export class IdempotencyLayer {
  /** Keys whose request is executing, per account id: in memory only, as a request does not survive a restart. */
  private readonly executing = new Map<string, Set<string>>();

  /**
   * The saved response to replay, or null when the request is to execute (the key is then held until
   * `end`). Throws the 400 (other parameters) and 409 (key in use) idempotency errors.
   */
  begin(account: AccountState, key: string, fingerprint: string): StoredResponse | null {
    if (key.length > MAX_KEY_LENGTH) {
      throw invalidRequest(`Idempotency keys can be at most ${MAX_KEY_LENGTH} characters long.`, 'Idempotency-Key');
    }
    this.forget(account);
    const stored = Object.hasOwn(account.idempotency, key) ? account.idempotency[key] : undefined;
    if (stored) {
      if (stored.fingerprint !== fingerprint) throw mismatch(key);
      return stored;
    }
    const held = this.executing.get(account.id) ?? new Set<string>();
    if (held.has(key)) throw inProgress(key);
    this.executing.set(account.id, held.add(key));
    return null;
  }

  end(account: AccountState, key: string, fingerprint: string, outcome: Outcome): void {
    this.executing.get(account.id)?.delete(key);
    if (!outcome.executed) return;
    const saved: StoredResponse = { fingerprint, status: outcome.status, body: outcome.body, created: accountNow(account) };
    // defineProperty: a key such as `__proto__` is stored as data, never as the record's prototype.
    Object.defineProperty(account.idempotency, key, { value: saved, enumerable: true, writable: true, configurable: true });
  }

  // Keys expire on the account's clock, so advancing time past 24 hours frees them as it would on Stripe.
  private forget(account: AccountState): void {
    const oldest = accountNow(account) - KEY_LIFETIME_SECONDS;
    for (const [key, stored] of Object.entries(account.idempotency)) {
      // A state file from before keys were timestamped has no `created`: those keys are long expired.
      if ((stored.created ?? 0) < oldest) delete account.idempotency[key];
    }
  }
}
