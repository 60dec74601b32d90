import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getDb, isDatabaseUnreachable, type Database } from '@/db/client';
import { apiBodyLimit, readBodyText } from './body-limit';
import { ApiError, BadRequest, InternalError, ServiceUnavailable, ValidationError } from './errors';
import { newId } from './ids';
import { errorResponse } from './respond';
import { isHttps, securityHeaders } from './security-headers';
import { apiVersion, apiVersionHeader } from './version';
import { log, withRequestId } from '@/lib/log';
import { served } from '@/lib/ops/in-flight';

export type PathParams = Record<string, string>;

export interface BaseContext {
  req: NextRequest;
  db: Database;
  requestId: string;
  params: PathParams;
}

interface Schemas<B, Q> {
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** Options are usually a route-table entry (lib/api/table), which also carries method, path, response... */
  readonly [declaration: string]: unknown;
}

type Authenticate<Options, Caller> = (ctx: BaseContext & { options: Options }) => Promise<Caller>;
type Handler<C> = (ctx: C) => Promise<Response> | Response;
/** Runs around the handler once the input is parsed (e.g. replaying an idempotent POST). */
type Around<Caller> = (ctx: BaseContext & Caller & { body: unknown }, run: () => Promise<Response>) => Promise<Response>;
export type RouteHandler = (req: NextRequest, context: { params: Promise<PathParams> }) => Promise<Response>;

const declaredOptions = new WeakMap<RouteHandler, object>();

/**
 * The options a handler was built with: its entry in the route table (lib/api/table), by which tests find
 * the endpoint a handler serves and check that every route file declares itself there.
 */
export function routeOptionsOf(handler: RouteHandler): object | undefined {
  return declaredOptions.get(handler);
}

const pathOf = (key: PropertyKey[]) => key.map(String).join('.');

/** Describes the first problem zod found, naming the field, for a 400 the API user can act on. */
export function describeIssue(where: 'body' | 'query', error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const fields = issue.keys.map((key) => `"${pathOf([...issue.path, key])}"`).join(', ');
    return `Unknown field ${fields} in ${where}`;
  }
  const field = pathOf(issue.path);
  return field ? `Invalid ${where} field "${field}": ${issue.message}` : `Invalid ${where}: ${issue.message}`;
}

/** The field the first problem is about (the first unknown one, for unknown fields); none for the whole input. */
export function issueField(error: z.ZodError): string | undefined {
  const issue = error.issues[0];
  const field = pathOf(issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path);
  return field || undefined;
}

export function invalidInput(where: 'body' | 'query', error: z.ZodError): ValidationError {
  return new ValidationError(describeIssue(where, error), issueField(error));
}

async function readJsonBody(req: NextRequest): Promise<unknown> {
  const raw = await readBodyText(req, apiBodyLimit);
  if (raw.trim() === '') return {};
  const contentType = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) throw new BadRequest('Content-Type must be application/json', 'invalid_content_type');
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadRequest('Malformed JSON body', 'invalid_json');
  }
}

function parseWith<T>(schema: z.ZodType<T>, where: 'body' | 'query', input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput(where, parsed.error);
  return parsed.data;
}

/** A caller's own trace id is kept when it is plainly an id; anything else gets one of ours. */
export function requestIdOf(headers: Headers): string {
  const given = headers.get('x-request-id');
  return given && /^[\w.-]{1,64}$/.test(given) ? given : newId('request');
}

/** A restart or failover takes seconds: the client is told to retry after one. */
const databaseNotReady = () => new ServiceUnavailable('Database is not ready', 1);

async function connectedDb(): Promise<Database> {
  try {
    return await getDb();
  } catch (error) {
    log.error({ err: error }, 'database unavailable');
    throw databaseNotReady();
  }
}

function toErrorResponse(error: unknown, requestId: string): Response {
  if (error instanceof ApiError) return errorResponse(error);
  // The database went away under a connected pool (restart, failover): the request can be retried as it is.
  if (isDatabaseUnreachable(error)) {
    log.error({ err: error }, 'database unreachable');
    return errorResponse(databaseNotReady());
  }
  // Anything untyped is a bug: the log gets the whole error, the client only the request id.
  log.error({ err: error }, 'unhandled error');
  return errorResponse(new InternalError(requestId));
}

/**
 * Builds a kind of route (public, user, team, project) from the way it authenticates. Every handler then
 * gets the caller, the parsed params/query/body and the database, and only ever throws typed errors.
 */
export function defineRoute<Options, Caller>(authenticate: Authenticate<Options, Caller>, around?: Around<Caller>) {
  return function route<B = undefined, Q = undefined>(
    options: Options & Schemas<B, Q>,
    handler: Handler<BaseContext & Caller & { body: B; query: Q }>,
  ): RouteHandler {
    const serve = async (req: NextRequest, context: { params: Promise<PathParams> }, requestId: string): Promise<Response> => {
      try {
        const db = await connectedDb();
        const params = await context.params;
        const base: BaseContext = { req, db, requestId, params };
        const caller = await authenticate({ ...base, options });
        const query = options.query
          ? parseWith(options.query, 'query', Object.fromEntries(req.nextUrl.searchParams))
          : (undefined as Q);
        const body = options.body ? parseWith(options.body, 'body', await readJsonBody(req)) : (undefined as B);
        const ctx = { ...base, ...caller, body, query };
        const run = async () => handler(ctx);
        return around ? await around(ctx, run) : await run();
      } catch (error) {
        return toErrorResponse(error, requestId);
      }
    };
    const routeHandler: RouteHandler = async (req, context) => {
      const requestId = requestIdOf(req.headers);
      // Every line logged while serving the request carries its id.
      const response = await served(() => withRequestId(requestId, () => serve(req, context, requestId)), { signal: req.signal });
      response.headers.set('x-request-id', requestId);
      response.headers.set(apiVersionHeader, apiVersion);
      // The middleware sets them too, but does not run for every API path (see its matcher).
      for (const [name, value] of Object.entries(securityHeaders({ pathname: req.nextUrl.pathname, https: isHttps(req), nonce: null }))) {
        response.headers.set(name, value);
      }
      return response;
    };
    declaredOptions.set(routeHandler, options);
    return routeHandler;
  };
}
