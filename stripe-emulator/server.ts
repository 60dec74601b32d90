// A local, stateful Stripe: the official SDK talks to it with
//   new Stripe(key, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0, telemetry: false })
// Every well-formed secret key is its own account; `sk_test_invalid...` and malformed keys get 401.
//
// In-process API (tests):
//   const emulator = await startStripeEmulator({ port: 0 })  // options: StripeEmulatorOptions below
//   emulator.url / emulator.port
//   emulator.advanceTime(key, seconds)        move the account's clock; runs renewals, trial ends, cancellations
//   emulator.now(key)                         the account's current (simulated) unix time
//   emulator.injectFaults(key, { count, status?: 500 | 429, delayMs? })   next `count` API calls fail or lag
//   emulator.setDeliveryMode({ duplicates?, shuffle? })                   webhook delivery quirks
//   emulator.idle()                           resolves when no webhook delivery is pending
//   emulator.reset(key)                       forget everything the account holds
//   emulator.accountId(key)                   the `acct_...` id of a key
//   emulator.close()
// Control endpoints (Authorization: Bearer <secret key>; JSON or form body):
//   POST /_emulator/time/advance {seconds}    GET /_emulator/time
//   POST /_emulator/faults {count, status?, delayMs?}
//   POST /_emulator/webhooks/mode {duplicates?, shuffle?}    POST /_emulator/webhooks/flush
//   POST /_emulator/reset
// Hosted pages (no key: the id is the capability): GET /checkout/:id, POST /checkout/:id/pay (field `card`),
// GET /checkout/:id/cancel, GET /billing_portal/:id.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountRoutes } from './account';
import { advanceAccountClock, settleAccount } from './billing';
import { billingPortalRoutes } from './billing-portal';
import { checkoutRoutes, findSessionAnywhere, payCheckoutSession, sessionLineItems } from './checkout';
import { accountNow, realNow } from './clock';
import type { ApiRequest, Ctx, Route, Runtime } from './context';
import { couponRoutes } from './coupons';
import { customerRoutes } from './customers';
import { StripeApiError, injectedFault, invalidApiKey, invalidRequest } from './errors';
import { API_VERSION, eventRoutes } from './events';
import { Params, parseForm, type FormObject } from './form';
import { invoiceRoutes } from './invoices';
import { checkoutPage, messagePage, portalPage } from './pages';
import { priceRoutes } from './prices';
import { productRoutes } from './products';
import {
  accountIdForKey,
  clone,
  emptyAccount,
  findAnyById,
  listAll,
  loadState,
  newId,
  saveState,
  type AccountState,
} from './store';
import { subscriptionRoutes } from './subscriptions';
import { testClockRoutes } from './test-clocks';
import { WebhookBus, type DeliveryMode } from './webhooks';
import { webhookEndpointRoutes } from './webhook-endpoints';

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

export interface FaultSpec {
  count: number;
  status?: 429 | 500;
  delayMs?: number;
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
  reset(secretKey: string): void;
  close(): Promise<void>;
}

const KEY_PATTERN = /^(sk|rk)_(test|live)_[A-Za-z0-9]{10,}$/;
// Stripe keeps idempotency keys for 24 hours; a bounded window keeps the state file small.
const IDEMPOTENCY_WINDOW = 1000;

const routes: Route[] = [
  ...accountRoutes,
  ...customerRoutes,
  ...productRoutes,
  ...priceRoutes,
  ...couponRoutes,
  ...subscriptionRoutes,
  ...invoiceRoutes,
  ...checkoutRoutes,
  ...billingPortalRoutes,
  ...webhookEndpointRoutes,
  ...eventRoutes,
  ...testClockRoutes,
];

const compiled = routes.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
}));

function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | null {
  for (const { route, pattern } of compiled) {
    const match = route.method === method ? pattern.exec(path) : null;
    if (match) return { route, params: { ...match.groups } };
  }
  return null;
}

function isValidKey(key: string): boolean {
  return KEY_PATTERN.test(key) && !/^(sk|rk)_(test|live)_invalid/i.test(key);
}

function keyFrom(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  if (header.startsWith('Bearer ')) return header.slice(7).trim();
  if (header.startsWith('Basic ')) return Buffer.from(header.slice(6), 'base64').toString().split(':')[0];
  return null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Control endpoints and the pay form accept JSON as well as Stripe's form encoding. */
function parseBody(req: IncomingMessage, raw: string): FormObject {
  if (!(req.headers['content-type'] ?? '').includes('json')) return parseForm(raw);
  try {
    const json: unknown = raw ? JSON.parse(raw) : {};
    const entries = Object.entries(json as Record<string, unknown>).map(([k, v]) => [k, String(v)]);
    return Object.fromEntries(entries) as FormObject;
  } catch {
    throw invalidRequest('Invalid JSON body.');
  }
}

function wantsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('application/json');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body, null, 2));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location });
  res.end();
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
  const host = options.host ?? '127.0.0.1';
  const accounts = new Map<string, AccountState>(
    Object.entries(options.dataFile ? loadState(options.dataFile).accounts : {}),
  );
  const faults = new Map<string, FaultSpec>();
  const bus = new WebhookBus({ retryDelaysMs: options.webhookRetryDelaysMs, mode: options.webhookDelivery });

  const persist = (): void => {
    if (options.dataFile) saveState(options.dataFile, { accounts: Object.fromEntries(accounts) });
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

  const authenticate = (req: IncomingMessage): AccountState => {
    const key = keyFrom(req);
    if (!key || !isValidKey(key)) throw invalidApiKey(key);
    return accountFor(key);
  };

  let origin = '';
  const runtimeFor = (req: IncomingMessage | null): Runtime => ({
    origin: req?.headers.host ? `http://${req.headers.host}` : origin,
    publish: (account, event) => bus.publish(account, event),
  });
  const ctxFor = (account: AccountState, req: IncomingMessage | null, idempotencyKey: string | null = null): Ctx => ({
    account,
    runtime: runtimeFor(req),
    request: { id: req ? newId('req', 14) : null, idempotency_key: idempotencyKey },
  });

  async function applyFault(account: AccountState): Promise<void> {
    const fault = faults.get(account.id);
    if (!fault || fault.count <= 0) return;
    fault.count--;
    if (fault.count === 0) faults.delete(account.id);
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.status) throw injectedFault(fault.status);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
    const method = req.method ?? 'GET';
    const account = authenticate(req);
    await applyFault(account);
    const idempotencyKey = method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) ?? null : null;
    const ctx = ctxFor(account, req, idempotencyKey);
    const headers: Record<string, string> = {
      'request-id': ctx.request.id ?? '',
      'stripe-version': (req.headers['stripe-version'] as string | undefined) ?? API_VERSION,
    };
    const fingerprint = `${method} ${url.pathname} ${raw}`;
    if (idempotencyKey) {
      headers['idempotency-key'] = idempotencyKey;
      const stored = account.idempotency[idempotencyKey];
      if (stored && stored.fingerprint !== fingerprint) {
        throw new StripeApiError(400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        });
      }
      if (stored) return sendJson(res, stored.status, stored.body, { ...headers, 'idempotent-replayed': 'true' });
    }
    let status = 200;
    let body: unknown;
    try {
      const matched = matchRoute(method, url.pathname);
      if (!matched) {
        throw new StripeApiError(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        });
      }
      const form = { ...parseForm(url.search.slice(1)), ...(method === 'POST' ? parseForm(raw) : {}) };
      const params = new Params(form);
      settleAccount(ctx);
      const request: ApiRequest = { ...ctx, params: matched.params, body: params, path: url.pathname };
      body = expand(account, matched.route.handler(request), params.strings('expand'));
    } catch (error) {
      if (!(error instanceof StripeApiError) || error.status >= 500) throw error;
      status = error.status;
      body = error.toJSON();
    }
    if (idempotencyKey) {
      account.idempotency[idempotencyKey] = { fingerprint, status, body };
      const keys = Object.keys(account.idempotency);
      for (const old of keys.slice(0, Math.max(0, keys.length - IDEMPOTENCY_WINDOW))) delete account.idempotency[old];
    }
    if (method !== 'GET') persist();
    sendJson(res, status, body, headers);
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string, raw: string): Promise<void> {
    const account = authenticate(req);
    const body = new Params(parseBody(req, raw));
    const ctx = ctxFor(account, req);
    const route = `${req.method} ${path}`;
    if (route === 'GET /_emulator/time') {
      settleAccount(ctx);
      return sendJson(res, 200, { account: account.id, now: accountNow(account) });
    }
    if (route === 'POST /_emulator/time/advance') {
      const seconds = body.integer('seconds', { min: 0 });
      if (seconds === undefined) throw invalidRequest('Missing required param: seconds.', 'seconds');
      const now = advanceAccountClock(ctx, seconds);
      persist();
      return sendJson(res, 200, { account: account.id, now });
    }
    if (route === 'POST /_emulator/faults') {
      const count = body.integer('count', { min: 0 }) ?? 1;
      const status = body.oneOf('status', ['429', '500']);
      faults.set(account.id, { count, status: status ? (Number(status) as 429 | 500) : undefined, delayMs: body.integer('delayMs', { min: 0 }) });
      return sendJson(res, 200, { account: account.id, faults: faults.get(account.id) });
    }
    if (route === 'POST /_emulator/webhooks/mode') {
      return sendJson(res, 200, { mode: bus.setMode({ duplicates: body.boolean('duplicates'), shuffle: body.boolean('shuffle') }) });
    }
    if (route === 'POST /_emulator/webhooks/flush') {
      await bus.idle();
      return sendJson(res, 200, { idle: true });
    }
    if (route === 'POST /_emulator/reset') {
      resetAccount(account.id);
      return sendJson(res, 200, { account: account.id, reset: true });
    }
    throw new StripeApiError(404, { type: 'invalid_request_error', message: `Unknown emulator control: ${route}` });
  }

  function resetAccount(id: string): void {
    const account = accounts.get(id);
    if (account) accounts.set(id, emptyAccount(id, account.livemode, account.created));
    faults.delete(id);
    persist();
  }

  async function handleCheckoutPage(req: IncomingMessage, res: ServerResponse, path: string, raw: string): Promise<void> {
    const [, , id, action] = path.split('/');
    const found = findSessionAnywhere(accounts.values(), id);
    if (!found) return sendHtml(res, 404, messagePage('Checkout', 'This Checkout Session does not exist.'));
    const { account, session } = found;
    const ctx = ctxFor(account, req);
    settleAccount(ctx);
    if (req.method === 'GET' && action === undefined) return sendHtml(res, 200, checkoutPage(session, sessionLineItems(account, id)));
    if (req.method === 'GET' && action === 'cancel') {
      return session.cancel_url ? redirect(res, session.cancel_url) : sendHtml(res, 200, checkoutPage(session, sessionLineItems(account, id)));
    }
    if (req.method !== 'POST' || action !== 'pay') return sendHtml(res, 404, messagePage('Not found', path));
    try {
      payCheckoutSession(ctx, session, new Params(parseBody(req, raw)).string('card') ?? '');
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      persist();
      return wantsJson(req)
        ? sendJson(res, error.status, error.toJSON())
        : sendHtml(res, error.status, checkoutPage(session, sessionLineItems(account, id), error.body.message));
    }
    persist();
    redirect(res, (session.success_url ?? '/').replaceAll('{CHECKOUT_SESSION_ID}', session.id));
  }

  function handlePortalPage(req: IncomingMessage, res: ServerResponse, path: string): void {
    const id = path.split('/')[2];
    for (const account of accounts.values()) {
      const session = account.objects.billing_portal_sessions[id];
      if (!session) continue;
      settleAccount(ctxFor(account, req));
      const customer = account.objects.customers[session.customer];
      if (!customer || customer.deleted) break;
      const subs = listAll(account, 'subscriptions').filter((sub) => sub.customer === customer.id);
      return sendHtml(res, 200, portalPage(session, customer, subs));
    }
    sendHtml(res, 404, messagePage('Billing portal', 'This portal session does not exist.'));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const path = url.pathname;
    try {
      const raw = await readBody(req);
      if (path.startsWith('/v1/')) return await handleApi(req, res, url, raw);
      if (path.startsWith('/_emulator/')) return await handleControl(req, res, path, raw);
      if (path.startsWith('/checkout/')) return await handleCheckoutPage(req, res, path, raw);
      if (path.startsWith('/billing_portal/')) return handlePortalPage(req, res, path);
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
    server.listen(options.port ?? 12111, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host}:${port}`;

  return {
    url: origin,
    port,
    accountId: (key) => requireKey(key).id,
    now: (key) => accountNow(requireKey(key)),
    advanceTime: (key, seconds) => {
      const now = advanceAccountClock(ctxFor(requireKey(key), null), seconds);
      persist();
      return now;
    },
    injectFaults: (key, spec) => {
      faults.set(requireKey(key).id, { ...spec });
    },
    setDeliveryMode: (mode) => bus.setMode(mode),
    idle: () => bus.idle(),
    reset: (key) => resetAccount(requireKey(key).id),
    close: async () => {
      bus.close();
      persist();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
