// A local, stateful Stripe: the official SDK talks to it with
//   new Stripe(key, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0, telemetry: false })
// Every well-formed secret key is its own account; `sk_test_invalid...` and malformed keys get 401.
// This file is the protocol: routing, authentication, errors, idempotency, `expand[]`. The `/_emulator/*`
// control endpoints are in control.ts, the hosted pages' routes in page-routes.ts; README.md lists both.
//
// In-process API (tests):
//   const emulator = await startStripeEmulator({ port: 0 })  // options: StripeEmulatorOptions below
//   emulator.url / emulator.port
//   emulator.advanceTime(key, seconds)        move the account's clock; runs renewals, trial ends, cancellations
//   emulator.now(key)                         the account's current (simulated) unix time
//   emulator.injectFaults(key, { count, status?: 500 | 429, delayMs?, retryAfter?, shouldRetry?, request? })   next `count` API calls (of `request`, 'POST /v1/...', if given) fail or lag
//   emulator.setDeliveryMode({ duplicates?, shuffle?, concurrent?, retryScale? })   webhook delivery quirks
//   emulator.idle()                           resolves when no webhook delivery is pending
//   emulator.requestCounts(key)               the account's API requests so far: { reads (GETs), writes }
//   emulator.reset(key)                       forget everything the account holds
//   emulator.accountId(key)                   the `acct_...` id of a key
//   emulator.close()
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountRoutes } from './account';
import { API_VERSION } from './api-versions';
import { advanceAccountClock, settleAccount } from './billing';
import { billingPortalRoutes } from './billing-portal';
import { checkoutRoutes } from './checkout';
import { accountNow, realNow } from './clock';
import type { ApiRequest, Ctx, Route, Runtime } from './context';
import { handleControl } from './control';
import { couponRoutes } from './coupons';
import { customerRoutes } from './customers';
import { StripeApiError, injectedFault, invalidApiKey, invalidRequest } from './errors';
import { eventRoutes } from './events';
import { Params, parseForm } from './form';
import { readBody, routeTable, sendJson, type FaultSpec, type Host, type RequestCounts } from './http';
import { IdempotencyLayer, type Outcome } from './idempotency';
import { customerBalanceRoutes } from './customer-balance';
import { invoiceItemRoutes } from './invoice-items';
import { invoicePreviewRoutes } from './invoice-preview';
import { invoiceRoutes } from './invoices';
import { paymentRoutes } from './payments';
import { matchPage } from './page-routes';
import { priceRoutes } from './prices';
import { productRoutes } from './products';
import { refundRoutes } from './refunds';
import { accountIdForKey, clone, emptyAccount, findAnyById, loadState, newId, saveState, type AccountState } from './store';
import { subscriptionScheduleRoutes } from './subscription-schedules';
import { subscriptionRoutes } from './subscriptions';
import { testClockRoutes } from './test-clocks';
import { WebhookBus, type DeliveryMode } from './webhooks';
import { webhookEndpointRoutes } from './webhook-endpoints';

export type { FaultSpec } from './http';

export interface StripeEmulatorOptions {
  /** 0 picks a free port. Default 12111. */
  port?: number;
  host?: string;
  /** Persist state to this JSON file (loaded at start, written after every change). */
  dataFile?: string;
  /** Delay before each webhook retry; the array's length is the number of retries. */
  webhookRetryDelaysMs?: number[];
  webhookDelivery?: Partial<DeliveryMode>;
}

export interface StripeEmulator {
  url: string;
  port: number;
  accountId(secretKey: string): string;
  now(secretKey: string): number;
  advanceTime(secretKey: string, seconds: number): number;
  injectFaults(secretKey: string, faults: FaultSpec): void;
  setDeliveryMode(mode: Partial<DeliveryMode>): DeliveryMode;
  idle(): Promise<void>;
  requestCounts(secretKey: string): RequestCounts;
  reset(secretKey: string): void;
  close(): Promise<void>;
}

const KEY_PATTERN = /^(sk|rk)_(test|live)_[A-Za-z0-9]{10,}$/;

const routes: Route[] = [
  ...accountRoutes,
  ...customerRoutes,
  ...productRoutes,
  ...priceRoutes,
  ...couponRoutes,
  ...subscriptionRoutes,
  ...subscriptionScheduleRoutes,
  ...invoicePreviewRoutes,
  ...invoiceRoutes,
  ...invoiceItemRoutes,
  ...customerBalanceRoutes,
  ...paymentRoutes,
  ...refundRoutes,
  ...checkoutRoutes,
  ...billingPortalRoutes,
  ...webhookEndpointRoutes,
  ...eventRoutes,
  ...testClockRoutes,
];

const matchRoute = routeTable(routes);

function isValidKey(key: string): boolean {
  return KEY_PATTERN.test(key) && !/^(sk|rk)_(test|live)_invalid/i.test(key);
}

function keyFrom(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  if (header.startsWith('Bearer ')) return header.slice(7).trim();
  if (header.startsWith('Basic ')) return Buffer.from(header.slice(6), 'base64').toString().split(':')[0];
  return null;
}

/** Replaces id strings along each `expand[]` path (`a.b`, `data.customer`) with the objects. */
function expand(account: AccountState, value: unknown, paths: string[]): unknown {
  if (paths.length === 0) return value;
  const copy = clone(value);
  const resolve = (id: unknown, field: string): unknown => {
    if (typeof id !== 'string') return id;
    const found = findAnyById(account, id);
    if (!found) throw invalidRequest(`This property cannot be expanded (${field}).`, 'expand');
    return clone(found);
  };
  const walk = (holder: unknown, segments: string[]): void => {
    if (holder === null || typeof holder !== 'object') return;
    if (Array.isArray(holder)) return holder.forEach((item) => walk(item, segments));
    const record = holder as Record<string, unknown>;
    const [head, ...rest] = segments;
    const field = record[head];
    // A list of ids (`discounts`) expands element-wise.
    record[head] = Array.isArray(field) ? field.map((id) => resolve(id, head)) : resolve(field, head);
    if (rest.length > 0) walk(record[head], rest);
  };
  for (const path of paths) walk(copy, path.split('.'));
  return copy;
}

export async function startStripeEmulator(options: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const hostname = options.host ?? '127.0.0.1';
  const accounts = new Map<string, AccountState>(
    Object.entries(options.dataFile ? loadState(options.dataFile).accounts : {}),
  );
  const faults = new Map<string, FaultSpec>();
  const requestCounts = new Map<string, RequestCounts>();
  const bus = new WebhookBus({ retryDelaysMs: options.webhookRetryDelaysMs, mode: options.webhookDelivery });
  const idempotency = new IdempotencyLayer();

  const save = (): void => {
    if (options.dataFile) saveState(options.dataFile, { accounts: Object.fromEntries(accounts) });
  };
  // Writing the whole state after every request grows with the state (a year of demo history is tens of MB):
  // writes are coalesced to one a second, and close() writes what is pending. A crash loses at most that second.
  let pendingSave: NodeJS.Timeout | null = null;
  const persist = (): void => {
    if (!options.dataFile || pendingSave) return;
    pendingSave = setTimeout(() => {
      pendingSave = null;
      save();
    }, 1000);
  };
  const flush = (): void => {
    if (pendingSave) clearTimeout(pendingSave);
    pendingSave = null;
    save();
  };

  const accountFor = (key: string): AccountState => {
    const id = accountIdForKey(key);
    let account = accounts.get(id);
    if (!account) {
      account = emptyAccount(id, key.includes('_live_'), realNow());
      accounts.set(id, account);
    }
    return account;
  };

  const requireKey = (key: string): AccountState => {
    if (!isValidKey(key)) throw new Error(`Not a well-formed secret key: ${key.slice(0, 12)}...`);
    return accountFor(key);
  };

  let origin = '';
  const runtimeFor = (req: IncomingMessage | null): Runtime => ({
    origin: req?.headers.host ? `http://${req.headers.host}` : origin,
    publish: (account, event) => bus.publish(account, event),
  });

  const host: Host = {
    accounts,
    faults,
    requestCounts,
    bus,
    persist,
    authenticate: (req) => {
      const key = keyFrom(req);
      if (!key || !isValidKey(key)) throw invalidApiKey(key);
      return accountFor(key);
    },
    ctxFor: (account, req, idempotencyKey = null): Ctx => ({
      account,
      runtime: runtimeFor(req),
      request: { id: req ? newId('req', 14) : null, idempotency_key: idempotencyKey },
    }),
    resetAccount: (id) => {
      const account = accounts.get(id);
      if (account) accounts.set(id, emptyAccount(id, account.livemode, account.created));
      faults.delete(id);
      persist();
    },
  };

  function countRequest(accountId: string, method: string): void {
    let counts = requestCounts.get(accountId);
    if (!counts) requestCounts.set(accountId, (counts = { reads: 0, writes: 0 }));
    if (method === 'GET') counts.reads++;
    else counts.writes++;
  }

  async function applyFault(account: AccountState, method: string, path: string): Promise<void> {
    const fault = faults.get(account.id);
    if (!fault || fault.count <= 0 || (fault.request !== undefined && fault.request !== `${method} ${path}`)) return;
    fault.count--;
    if (fault.count === 0) faults.delete(account.id);
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.status) throw injectedFault({ ...fault, status: fault.status });
  }

  // Runs one API request to its response. `executed` tells the idempotency layer whether the endpoint
  // began executing: a rate limit, an unknown URL or a parameter error refuses the request before it.
  async function execute(ctx: Ctx, method: string, url: URL, raw: string): Promise<Outcome> {
    let executing = false;
    try {
      try {
        await applyFault(ctx.account, method, url.pathname);
      } catch (error) {
        // An injected 500 stands for a failure inside the endpoint; a 429 refuses the request up front.
        executing = error instanceof StripeApiError && error.status >= 500;
        throw error;
      }
      const matched = matchRoute(method, url.pathname);
      if (!matched) {
        throw new StripeApiError(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        });
      }
      const params = new Params({ ...parseForm(url.search.slice(1)), ...(method === 'POST' ? parseForm(raw) : {}) });
      settleAccount(ctx);
      const request: ApiRequest = { ...ctx, params: matched.params, body: params, path: url.pathname };
      let result: unknown;
      try {
        result = matched.route.handler(request);
      } catch (error) {
        // Handlers check their parameters before changing anything: a 400 invalid_request_error is
        // a validation refusal; any other error happened while executing.
        executing = !(error instanceof StripeApiError && error.status === 400 && error.body.type === 'invalid_request_error');
        throw error;
      }
      executing = true;
      return { status: 200, body: expand(ctx.account, result, params.strings('expand')), executed: true };
    } catch (error) {
      if (error instanceof StripeApiError) return { status: error.status, body: error.toJSON(), executed: executing, headers: error.headers };
      console.error('[stripe-emulator]', error);
      return { status: 500, body: { error: { type: 'api_error', message: 'An unknown error occurred in the emulator.' } }, executed: true };
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
    const method = req.method ?? 'GET';
    const account = host.authenticate(req);
    countRequest(account.id, method);
    // Stripe ignores the header on GET and DELETE: they are idempotent by definition.
    const idempotencyKey = method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) ?? null : null;
    const ctx = host.ctxFor(account, req, idempotencyKey);
    const headers: Record<string, string> = {
      'request-id': ctx.request.id ?? '',
      'stripe-version': (req.headers['stripe-version'] as string | undefined) ?? API_VERSION,
    };
    let outcome: Outcome;
    if (idempotencyKey) {
      headers['idempotency-key'] = idempotencyKey;
      const fingerprint = `${method} ${url.pathname} ${raw}`;
      const stored = idempotency.begin(account, idempotencyKey, fingerprint);
      if (stored) return sendJson(res, stored.status, stored.body, { ...headers, 'idempotent-replayed': 'true' });
      outcome = await execute(ctx, method, url, raw);
      idempotency.end(account, idempotencyKey, fingerprint, outcome);
    } else {
      outcome = await execute(ctx, method, url, raw);
    }
    if (method !== 'GET') persist();
    sendJson(res, outcome.status, outcome.body, { ...headers, ...outcome.headers });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const path = url.pathname;
    try {
      const raw = await readBody(req);
      if (path.startsWith('/v1/')) return await handleApi(req, res, url, raw);
      if (path.startsWith('/_emulator/')) return await handleControl(host, req, res, path, raw);
      const page = matchPage(req.method ?? 'GET', path);
      if (page) return page.route.handler({ host, req, res, params: page.params, raw });
      throw new StripeApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${path}).` });
    } catch (error) {
      if (error instanceof StripeApiError) return sendJson(res, error.status, error.toJSON());
      console.error('[stripe-emulator]', error);
      sendJson(res, 500, { error: { type: 'api_error', message: 'An unknown error occurred in the emulator.' } });
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 12111, hostname, resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${hostname}:${port}`;

  return {
    url: origin,
    port,
    accountId: (key) => requireKey(key).id,
    now: (key) => accountNow(requireKey(key)),
    advanceTime: (key, seconds) => {
      const now = advanceAccountClock(host.ctxFor(requireKey(key), null), seconds);
      persist();
      return now;
    },
    injectFaults: (key, spec) => {
      faults.set(requireKey(key).id, { ...spec });
    },
    setDeliveryMode: (mode) => bus.setMode(mode),
    idle: () => bus.idle(),
    requestCounts: (key) => ({ reads: 0, writes: 0, ...requestCounts.get(requireKey(key).id) }),
    reset: (key) => host.resetAccount(requireKey(key).id),
    close: async () => {
      bus.close();
      flush();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
