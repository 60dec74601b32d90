// What every resource module receives: the caller's account, the emulator runtime (origin for
// hosted-page URLs, the webhook bus) and the request the changes are attributed to in events.
import type Stripe from 'stripe';
import type { Params } from './form';
import type { AccountState } from './store';

export interface Runtime {
  /** Base URL of the emulator, for hosted Checkout and portal pages. */
  origin: string;
  /** Hands a freshly created event to the webhook delivery queue. */
  publish(account: AccountState, event: Stripe.EventBase): void;
}

export interface Ctx {
  account: AccountState;
  runtime: Runtime;
  /** `{ id: null, idempotency_key: null }` for changes made by the billing engine. */
  request: Stripe.Event.Request;
}

export interface ApiRequest extends Ctx {
  params: Record<string, string>;
  /** Form body for POST, query string for GET and DELETE (as the SDK sends them). */
  body: Params;
  path: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** `/v1/customers/:id` style; `:name` segments land in `params`. */
  path: string;
  handler(req: ApiRequest): unknown;
}

export function automatic(ctx: Ctx): Ctx {
  return { ...ctx, request: { id: null, idempotency_key: null } };
}
