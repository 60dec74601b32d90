import { NextRequest } from 'next/server';
import { z } from 'zod';
import { routeTable } from '@/lib/api/table';
import { isErrorCode } from '@/lib/http/error-codes';
import { routeOptionsOf, type RouteHandler } from '@/lib/http/route';

export interface CallOptions {
  method?: string;
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
  /** A raw body sent as is, for malformed-input tests. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * What the dashboard's own pages send with a session: the app's Origin, and a JSON content type on every
 * state-changing request, body or not (the CSRF defence requires both).
 */
function asBrowserPage(headers: Headers, method: string) {
  if (!headers.has('origin')) headers.set('origin', new URL(process.env.BETTER_AUTH_URL!).origin);
  if (method !== 'GET' && !headers.has('content-type')) headers.set('content-type', 'application/json');
}

const tableRows = new Map<object, (typeof routeTable)[number]>(routeTable.map((row) => [row.endpoint, row]));

/**
 * A success of an endpoint in the route table must be what the table (and so the OpenAPI document) declares:
 * its status and its response schema, which is strict, so an undeclared field fails as much as a missing one.
 */
function assertDeclaredResponse(handler: RouteHandler, status: number, contentType: string, body: unknown) {
  const options = routeOptionsOf(handler);
  const row = options && tableRows.get(options);
  if (!row || status < 200 || status > 299) return;
  const { response } = row.endpoint;
  if (status !== response.status) throw new Error(`${row.operationId} answered ${status}; the route table declares ${response.status}`);
  if (!('schema' in response)) return;
  if (!/\bjson\b/.test(contentType)) throw new Error(`${row.operationId} answered ${contentType}; the route table declares JSON`);
  const parsed = response.schema.safeParse(body);
  if (!parsed.success) {
    throw new Error(`${row.operationId}: the answer does not match its declared response schema\n${z.prettifyError(parsed.error)}\n${JSON.stringify(body).slice(0, 2000)}`);
  }
}

/**
 * Every error BillStack answers carries a catalogued code, or Stripe's own code marked `source: stripe`: a test
 * that meets one without fails here, whatever it asserts. better-auth's own answers (`{ code, message }`) are
 * its contract, not ours.
 */
function assertErrorCode(path: string, status: number, body: unknown) {
  if (status < 400) return;
  const error = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (path.startsWith('/api/auth/') && !('error' in error)) return;
  const stripes = error.source === 'stripe' && typeof error.code === 'string' && /^[a-z][a-z0-9_]*$/.test(error.code);
  if (!isErrorCode(error.code) && !stripes) throw new Error(`${status} from ${path} without a known error code: ${JSON.stringify(body)}`);
}

/** Calls a route handler in-process, the way Next would, and returns status and parsed JSON. */
export async function call<T = any>(handler: RouteHandler, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const url = new URL(path, 'http://localhost:3000');
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
  const headers = new Headers(options.headers);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const method = options.method ?? 'GET';
  if (headers.has('cookie')) asBrowserPage(headers, method);
  const req = new NextRequest(url, { method, headers, body });
  const res = await handler(req, { params: Promise.resolve(options.params ?? {}) });
  const text = await res.text();
  // JSON answers are parsed; anything else (a CSV export) is returned as text.
  const contentType = res.headers.get('content-type') ?? '';
  const json = /\bjson\b/.test(contentType);
  const parsed = text ? (json ? JSON.parse(text) : text) : null;
  assertDeclaredResponse(handler, res.status, contentType, parsed);
  assertErrorCode(url.pathname, res.status, parsed);
  return { status: res.status, body: parsed, headers: res.headers };
}
