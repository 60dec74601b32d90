import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  BadRequest,
  Conflict,
  Forbidden,
  NotFound,
  ServiceUnavailable,
  TooManyRequests,
  Unauthorized,
  UpstreamError,
  type ApiError,
} from '@/lib/http/errors';
import { paginationQuery } from '@/lib/http/pagination';
import { ok } from '@/lib/http/respond';
import { defineRoute, describeIssue } from '@/lib/http/route';
import { apiVersion } from '@/lib/http/version';
import { logSink } from '@/lib/log';
import { call } from '../helpers/http';

function firstProblem(schema: z.ZodType, input: unknown, where: 'body' | 'query' = 'body') {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to be invalid');
  return describeIssue(where, parsed.error);
}

describe('describeIssue', () => {
  const address = z.object({ city: z.string(), zip: z.string().length(5) }).strict();
  const order = z.object({ name: z.string().max(3), address, items: z.array(z.object({ quantity: z.number().int() })) }).strict();
  const valid = { name: 'abc', address: { city: 'Paris', zip: '75001' }, items: [{ quantity: 1 }] };

  it.each([
    ['an unknown top-level field', { ...valid, color: 'red' }, 'Unknown field "color" in body'],
    ['several unknown fields', { ...valid, color: 'red', size: 1 }, 'Unknown field "color", "size" in body'],
    ['an unknown nested field', { ...valid, address: { ...valid.address, country: 'FR' } }, 'Unknown field "address.country" in body'],
    ['a field too long', { ...valid, name: 'abcd' }, 'Invalid body field "name": Too big: expected string to have <=3 characters'],
    ['a nested field', { ...valid, address: { city: 'Paris', zip: '1' } }, 'Invalid body field "address.zip": Too small: expected string to have exactly 5 characters'],
    ['a field inside an array', { ...valid, items: [{ quantity: 1 }, { quantity: 'two' }] }, 'Invalid body field "items.1.quantity": Invalid input: expected number, received string'],
    ['a missing field', { address: valid.address, items: [] }, 'Invalid body field "name": Invalid input: expected string, received undefined'],
    ['the whole input', 'just a string', 'Invalid body: Invalid input: expected object, received string'],
  ])('names %s', (_, input, message) => {
    expect(firstProblem(order, input)).toBe(message);
  });

  it('reports only the first problem', () => {
    expect(firstProblem(order, { name: 42, address: 'x', items: 'y' })).toBe('Invalid body field "name": Invalid input: expected string, received number');
  });

  it('says where the problem is', () => {
    expect(firstProblem(paginationQuery, { limit: '0' }, 'query')).toBe('Invalid query field "limit": Too small: expected number to be >=1');
  });
});

describe('defineRoute', () => {
  // A route kind whose caller comes from a header, so the wrapper is tested without sessions.
  const testRoute = defineRoute<{ allow?: string }, { caller: string }>(async ({ req, options }) => {
    const caller = req.headers.get('x-caller');
    if (!caller) throw new Unauthorized();
    if (options.allow && caller !== options.allow) throw new Forbidden(`Only ${options.allow}`);
    return { caller };
  });
  const asAlice = { 'x-caller': 'alice' };
  const requestId = /^req_[0-9a-zA-Z]{20}$/;

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('hands the handler the caller, params and the parsed query and body', async () => {
    const handler = testRoute(
      { body: z.object({ name: z.string().trim() }).strict(), query: paginationQuery },
      ({ caller, params, query, body, requestId }) => ok({ caller, params, query, body, requestId }),
    );

    const res = await call(handler, '/x', {
      method: 'POST',
      params: { teamId: 'team_1' },
      query: { limit: '5' },
      body: { name: '  Ada ' },
      headers: asAlice,
    });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      caller: 'alice',
      params: { teamId: 'team_1' },
      query: { limit: 5, offset: 0 },
      body: { name: 'Ada' },
      requestId: res.headers.get('x-request-id'),
    });
    expect(res.headers.get('x-request-id')).toMatch(requestId);
    expect(res.headers.get('billstack-version')).toBe(apiVersion);
  });

  it('turns an untyped error into a 500 carrying only the request id, and logs the whole error', async () => {
    const log = vi.spyOn(logSink, 'write').mockImplementation(() => {});
    const failure = new Error('connection string postgres://admin:hunter2@db/prod');
    const handler = testRoute({}, () => {
      throw failure;
    });

    const res = await call(handler, '/x', { headers: asAlice });

    const id = res.headers.get('x-request-id');
    expect(id).toMatch(requestId);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: `Internal server error (request ${id})`, code: 'internal_error' });
    // One JSON line with the request id, the message and the whole error (its stack included).
    expect(log).toHaveBeenCalledTimes(1);
    const line = JSON.parse(log.mock.calls[0][0]);
    expect(line).toMatchObject({ level: 50, requestId: id, msg: 'unhandled error', err: { message: failure.message } });
    expect(line.err.stack).toContain('route.test.ts');
  });

  it('turns a thrown non-Error into the same 500', async () => {
    vi.spyOn(logSink, 'write').mockImplementation(() => {});
    const handler = testRoute({}, async () => {
      throw 'a string';
    });

    const res = await call(handler, '/x', { headers: asAlice });

    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: `Internal server error (request ${res.headers.get('x-request-id')})`, code: 'internal_error' });
  });

  it.each([
    [new BadRequest('Bad thing'), 400, 'Bad thing', 'bad_request'],
    [new Unauthorized(), 401, 'Authentication required', 'unauthorized'],
    [new Forbidden('Missing scope customers:write', 'missing_scope'), 403, 'Missing scope customers:write', 'missing_scope'],
    [new NotFound('Customer not found'), 404, 'Customer not found', 'customer_not_found'],
    [new Conflict('Already exists'), 409, 'Already exists', 'conflict'],
    [new UpstreamError('Stripe said no'), 502, 'Stripe said no', 'stripe_error'],
    [new ServiceUnavailable('Database is not ready'), 503, 'Database is not ready', 'service_unavailable'],
  ] as [ApiError, number, string, string][])('turns %s into its status, message and code', async (error, status, message, code) => {
    const log = vi.spyOn(logSink, 'write').mockImplementation(() => {});
    const handler = testRoute({}, () => {
      throw error;
    });

    const res = await call(handler, '/x', { headers: asAlice });

    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: message, code });
    expect(res.headers.get('x-request-id')).toMatch(requestId);
    expect(res.headers.get('billstack-version')).toBe(apiVersion);
    expect(log).not.toHaveBeenCalled();
  });

  it('answers 503 with Retry-After when the database cannot be reached, and logs the driver’s error', async () => {
    const log = vi.spyOn(logSink, 'write').mockImplementation(() => {});
    // Nothing listens on port 1: the query fails as one does while PostgreSQL restarts, through drizzle and postgres.js.
    const client = postgres('postgres://nobody@127.0.0.1:1/none', { max: 1, connect_timeout: 5 });
    const handler = testRoute({}, async () => ok(await drizzle(client).execute(sql`select 1`)));

    const res = await call(handler, '/x', { headers: asAlice });
    await client.end();

    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: 'Database is not ready', code: 'service_unavailable' });
    expect(res.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(log.mock.calls[0][0])).toMatchObject({ level: 50, msg: 'database unreachable', err: { stack: expect.stringContaining('caused by: Error: connect ECONNREFUSED') } });
  });

  it('passes a typed error’s headers on', async () => {
    const handler = testRoute({}, () => {
      throw new TooManyRequests(30);
    });

    const res = await call(handler, '/x', { headers: asAlice });

    expect(res.status).toBe(429);
    expect(res.body).toEqual({ error: 'Rate limit exceeded', code: 'rate_limited' });
    expect(res.headers.get('retry-after')).toBe('30');
  });

  it('authenticates before reading the body, and never calls the handler for a refused caller', async () => {
    const handler = vi.fn(() => ok({}));
    const route = testRoute({ allow: 'bob', body: z.object({}) }, handler);

    const anonymous = await call(route, '/x', { method: 'POST', rawBody: '{broken', headers: { 'content-type': 'application/json' } });
    const wrongCaller = await call(route, '/x', { method: 'POST', rawBody: '{broken', headers: { ...asAlice, 'content-type': 'application/json' } });

    expect(anonymous).toMatchObject({ status: 401, body: { error: 'Authentication required', code: 'unauthorized' } });
    expect(wrongCaller).toMatchObject({ status: 403, body: { error: 'Only bob', code: 'forbidden' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('validates the query before the body, and never calls the handler with bad input', async () => {
    const handler = vi.fn(() => ok({}));
    const route = testRoute({ query: paginationQuery, body: z.object({ name: z.string() }) }, handler);

    const res = await call(route, '/x', { method: 'POST', query: { limit: '0' }, body: {}, headers: asAlice });

    expect(res).toMatchObject({ status: 400, body: { error: 'Invalid query field "limit": Too small: expected number to be >=1', code: 'validation_error', field: 'limit' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('does not read a body for a route that declares none', async () => {
    const route = testRoute({}, () => ok({ fine: true }));

    const res = await call(route, '/x', { method: 'POST', rawBody: 'not json', headers: { ...asAlice, 'content-type': 'text/plain' } });

    expect(res).toMatchObject({ status: 200, body: { fine: true } });
  });
});
