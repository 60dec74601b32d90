import { NextRequest } from 'next/server';
import type { RouteHandler } from '@/lib/http/route';

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
  const json = /\bjson\b/.test(res.headers.get('content-type') ?? '');
  return { status: res.status, body: text ? (json ? JSON.parse(text) : text) : null, headers: res.headers };
}
