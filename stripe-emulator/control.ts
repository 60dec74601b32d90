// The `/_emulator/*` control endpoints: what a test or a developer does to an account that Stripe's API
// cannot (move its clock, inject faults, change webhook delivery, set account settings). Authenticated
// like the API (Bearer the account's secret key); JSON or form body; one entry per route below.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validApiVersion } from './api-versions';
import { advanceAccountClock, settleAccount, updateDunningSettings } from './billing';
import { accountNow } from './clock';
import type { Ctx } from './context';
import { StripeApiError, invalidRequest, missingParam } from './errors';
import { Params } from './form';
import { parseBody, routeTable, sendJson, type Host } from './http';
import { setCustomerCard } from './payment-methods';
import type { AccountState } from './store';

export interface ControlRequest {
  host: Host;
  account: AccountState;
  ctx: Ctx;
  body: Params;
  params: Record<string, string>;
}

export interface ControlRoute {
  method: 'GET' | 'POST';
  path: string;
  /** Answers the JSON body of a 200; throws StripeApiError for anything else. */
  handler(req: ControlRequest): unknown;
}

export const controlRoutes: ControlRoute[] = [
  {
    method: 'GET',
    path: '/_emulator/time',
    handler: ({ account, ctx }) => {
      settleAccount(ctx);
      return { account: account.id, now: accountNow(account) };
    },
  },
  {
    method: 'POST',
    path: '/_emulator/time/advance',
    handler: ({ account, ctx, body }) => {
      const seconds = body.integer('seconds', { min: 0 });
      if (seconds === undefined) throw invalidRequest('Missing required param: seconds.', 'seconds');
      return { account: account.id, now: advanceAccountClock(ctx, seconds) };
    },
  },
  {
    method: 'POST',
    path: '/_emulator/faults',
    handler: ({ host, account, body }) => {
      const status = body.oneOf('status', ['429', '500']);
      const faults = {
        count: body.integer('count', { min: 0 }) ?? 1,
        status: status ? (Number(status) as 429 | 500) : undefined,
        delayMs: body.integer('delayMs', { min: 0 }),
        retryAfter: body.integer('retryAfter', { min: 0 }),
        shouldRetry: body.boolean('shouldRetry'),
        request: body.string('request'),
      };
      host.faults.set(account.id, faults);
      return { account: account.id, faults };
    },
  },
  {
    method: 'POST',
    path: '/_emulator/webhooks/mode',
    handler: ({ host, body }) => {
      // An empty (or JSON null) retryScale goes back to the emulator's own retry delays.
      const retryScale = body.string('retryScale') === '' ? null : body.decimal('retryScale');
      if (typeof retryScale === 'number' && retryScale <= 0) throw invalidRequest('retryScale must be positive.', 'retryScale');
      const mode = host.bus.setMode({
        duplicates: body.boolean('duplicates'),
        shuffle: body.boolean('shuffle'),
        concurrent: body.integer('concurrent', { min: 1 }),
        retryScale,
      });
      return { mode };
    },
  },
  {
    method: 'POST',
    path: '/_emulator/webhooks/flush',
    handler: async ({ host }) => {
      await host.bus.idle();
      return { idle: true };
    },
  },
  {
    // The account's API requests since the emulator started (reads are GETs): what a client costs Stripe.
    method: 'GET',
    path: '/_emulator/requests',
    handler: ({ host, account }) => ({ account: account.id, reads: 0, writes: 0, ...host.requestCounts.get(account.id) }),
  },
  {
    method: 'POST',
    path: '/_emulator/settings',
    handler: ({ account, body }) => {
      const apiVersion = body.string('apiVersion');
      if (apiVersion !== undefined) {
        if (!validApiVersion(apiVersion)) throw invalidRequest(`Invalid API version: ${apiVersion}`, 'apiVersion');
        account.apiVersion = apiVersion;
      }
      const dunning = updateDunningSettings(account, body);
      return { account: account.id, settings: { apiVersion: account.apiVersion, dunning } };
    },
  },
  {
    // The customer's default card: a test number (4000 0000 0000 0341 attaches, then fails every
    // charge; 4242 4242 4242 4242 pays), or null to remove it. Due renewals run first, with the old card.
    method: 'POST',
    path: '/_emulator/customers/:id/card',
    handler: ({ ctx, body, params }) => {
      if (!body.has('card')) throw missingParam('card');
      settleAccount(ctx);
      const customer = setCustomerCard(ctx, params.id, body.nullableString('card') ?? null);
      return { customer: customer.id, default_payment_method: customer.invoice_settings.default_payment_method };
    },
  },
  {
    method: 'POST',
    path: '/_emulator/reset',
    handler: ({ host, account }) => {
      host.resetAccount(account.id);
      return { account: account.id, reset: true };
    },
  },
];

const matchControl = routeTable(controlRoutes);

export async function handleControl(host: Host, req: IncomingMessage, res: ServerResponse, path: string, raw: string): Promise<void> {
  const account = host.authenticate(req);
  const matched = matchControl(req.method ?? 'GET', path);
  if (!matched) {
    throw new StripeApiError(404, { type: 'invalid_request_error', message: `Unknown emulator control: ${req.method} ${path}` });
  }
  const body = new Params(parseBody(req, raw));
  const result = await matched.route.handler({ host, account, ctx: host.ctxFor(account, req), body, params: matched.params });
  if (req.method === 'POST') host.persist();
  sendJson(res, 200, result);
}
