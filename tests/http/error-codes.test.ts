import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { NextResponse } from 'next/server';
import { describe, expect, it } from 'vitest';
import { errorCodes, isErrorCode, notFoundCode } from '@/lib/http/error-codes';
import {
  BadRequest,
  Conflict,
  Forbidden,
  Gone,
  InternalError,
  NotFound,
  PayloadTooLarge,
  ServiceUnavailable,
  TooManyRequests,
  Unauthorized,
  UpstreamError,
  ValidationError,
} from '@/lib/http/errors';
import { errorBody } from '@/lib/http/respond';
import { defineRoute } from '@/lib/http/route';
import { call } from '../helpers/http';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

/** The literal messages of every 404 thrown in the application code. */
const notFoundMessages = [...new Set(
  ['app', 'lib'].flatMap(sourceFiles).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/new NotFound\('([^']+)'\)/g)].map((match) => match[1]),
  ),
)];

describe('the error code catalogue', () => {
  it('holds stable snake_case codes, each with a one-line description', () => {
    for (const [code, description] of Object.entries(errorCodes)) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(description).toMatch(/^\S.*\S$/);
      expect(description).not.toContain('\n');
    }
  });

  it('knows its own codes only', () => {
    expect(isErrorCode('customer_not_found')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('card_declined_somehow')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });
});

describe('notFoundCode', () => {
  it.each([
    ['Customer not found', 'customer_not_found'],
    ['API key not found', 'api_key_not_found'],
    ['Webhook delivery not found', 'webhook_delivery_not_found'],
    ['Referral code not found', 'referral_code_not_found'],
    ['Portal token not found', 'portal_token_not_found'],
  ])('derives %j → %s', (message, code) => {
    expect(notFoundCode(message)).toBe(code);
  });

  it.each([
    'Gizmo not found',
    'Project proj_123 not found',
    'Customer not found here',
    'not found',
  ])('falls back to not_found for %j', (message) => {
    expect(notFoundCode(message)).toBe('not_found');
  });

  it('gives every 404 the application throws a resource-specific code', () => {
    expect(notFoundMessages.length).toBeGreaterThan(10);
    for (const message of notFoundMessages) expect([message, notFoundCode(message)]).toEqual([message, expect.stringMatching(/^[a-z_]+_not_found$/)]);
  });
});

describe('typed errors', () => {
  it.each([
    [new BadRequest('Price is not active'), 400, 'bad_request'],
    [new Unauthorized(), 401, 'unauthorized'],
    [new Forbidden('No'), 403, 'forbidden'],
    [new NotFound('Price not found'), 404, 'price_not_found'],
    [new Conflict('Already'), 409, 'conflict'],
    [new Gone('This invitation has expired'), 410, 'gone'],
    [new PayloadTooLarge(10), 413, 'payload_too_large'],
    [new TooManyRequests(3), 429, 'rate_limited'],
    [new InternalError('req_1'), 500, 'internal_error'],
    [new UpstreamError('Stripe failed'), 502, 'stripe_error'],
    [new ServiceUnavailable('Database is not ready'), 503, 'service_unavailable'],
  ])('%s answers %i with its default code %s', (error, status, code) => {
    expect([error.status, error.code]).toEqual([status, code]);
    expect(errorBody(error)).toEqual({ error: error.message, code });
  });

  it('keeps a specific code the thrower gives', () => {
    expect(errorBody(new Conflict('Taken', 'email_taken'))).toEqual({ error: 'Taken', code: 'email_taken' });
    expect(errorBody(new NotFound('Project proj_1 not found', 'project_not_found')).code).toBe('project_not_found');
  });

  it('names the field of a validation error, and only when there is one', () => {
    expect(errorBody(new ValidationError('Invalid body field "email": bad', 'email'))).toEqual({
      error: 'Invalid body field "email": bad',
      code: 'validation_error',
      field: 'email',
    });
    expect(errorBody(new ValidationError('Invalid body: expected object'))).toEqual({ error: 'Invalid body: expected object', code: 'validation_error' });
  });
});

describe('the `call` test helper', () => {
  const anyone = defineRoute<object, object>(async () => ({}));
  const answering = (body: object, status: number) => anyone({}, () => NextResponse.json(body, { status }));

  it('fails a test that meets an error without a catalogued code', async () => {
    await expect(call(answering({ error: 'Nope' }, 400), '/api/billstack/x')).rejects.toThrow('400 from /api/billstack/x without a known error code');
    await expect(call(answering({ error: 'Nope', code: 'nope' }, 409), '/api/billstack/x')).rejects.toThrow('without a known error code');
  });

  it('takes a catalogued code, or Stripe\'s own when the body says it is Stripe\'s', async () => {
    expect((await call(answering({ error: 'Gone', code: 'gone' }, 410), '/api/billstack/x')).status).toBe(410);
    expect((await call(answering({ error: 'Declined', code: 'expired_card', source: 'stripe' }, 402), '/api/billstack/x')).status).toBe(402);
  });
});
