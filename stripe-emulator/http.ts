// What the protocol (server.ts), the control endpoints (control.ts) and the hosted pages (page-routes.ts)
// share: the emulator's state as a `Host`, route tables, and reading and writing HTTP messages.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ctx } from './context';
import { invalidRequest } from './errors';
import { formFromJson, parseForm, type FormObject } from './form';
import type { AccountState } from './store';
import type { WebhookBus } from './webhooks';

export interface FaultSpec {
  count: number;
  status?: 429 | 500;
  delayMs?: number;
  /** A `Retry-After` header (seconds) on the injected 429s. */
  retryAfter?: number;
  /** A `Stripe-Should-Retry` header on the injected errors: Stripe's own word on whether a retry may succeed. */
  shouldRetry?: boolean;
  /**
   * Only calls of this method and path (`POST /v1/checkout/sessions`) take the faults; others pass untouched. A
   * test aiming at one call of a server is then not beaten to it by the server's other calls (its worker's reads).
   */
  request?: string;
}

export interface RequestCounts {
  reads: number;
  writes: number;
}

/** The running emulator as its request handlers see it. */
export interface Host {
  accounts: Map<string, AccountState>;
  faults: Map<string, FaultSpec>;
  /** API requests per account (reads are GETs), for tests and benches that count what a client costs Stripe. */
  requestCounts: Map<string, RequestCounts>;
  bus: WebhookBus;
  /** Writes the state file, when the emulator has one. */
  persist(): void;
  authenticate(req: IncomingMessage): AccountState;
  ctxFor(account: AccountState, req: IncomingMessage | null, idempotencyKey?: string | null): Ctx;
  resetAccount(id: string): void;
}

export interface TableRoute {
  method: string;
  /** `/x/:id/y` style; `:name` segments land in `params`. */
  path: string;
}

/** Compiles `:name` paths once; the matcher answers the route and its path params. */
export function routeTable<R extends TableRoute>(
  routes: readonly R[],
): (method: string, path: string) => { route: R; params: Record<string, string> } | null {
  const compiled = routes.map((route) => ({
    route,
    pattern: new RegExp(`^${route.path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
  }));
  return (method, path) => {
    for (const { route, pattern } of compiled) {
      const match = route.method === method ? pattern.exec(path) : null;
      if (match) return { route, params: { ...match.groups } };
    }
    return null;
  };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Control endpoints and the pay form accept JSON as well as Stripe's form encoding. */
export function parseBody(req: IncomingMessage, raw: string): FormObject {
  if (!(req.headers['content-type'] ?? '').includes('json')) return parseForm(raw);
  let json: unknown;
  try {
    json = raw ? JSON.parse(raw) : {};
  } catch {
    throw invalidRequest('Invalid JSON body.');
  }
  const form = formFromJson(json);
  if (typeof form !== 'object' || Array.isArray(form)) throw invalidRequest('The JSON body must be an object.');
  return form;
}

export function wantsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('application/json');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body, null, 2));
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location });
  res.end();
}
