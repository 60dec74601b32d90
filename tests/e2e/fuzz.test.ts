// Fuzzing every endpoint of the route table through the production server: requests built from each endpoint's
// zod schemas, then broken (wrong types, missing and extra fields, huge and odd values, bad JSON, wrong content
// types, hostile ids and query strings, huge headers, bad credentials). No answer may be a 5xx or a dropped
// connection; every refusal is a 4xx `{ error, code }` with a catalogued code (or Stripe's own, marked as such).
// A first phase sends only requests that must be refused, between two reads of the stopped server's database:
// row counts and checksums must not move. A second phase mixes in requests that may well be valid.
//
// FUZZ_REQUESTS (default 10,000) sets the number of requests, FUZZ_SEED replays a run (the seed is printed).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointSpec } from '@/lib/api/endpoint';
import { routeTable } from '@/lib/api/table';
import { isErrorCode } from '@/lib/http/error-codes';
import { startStripeEmulator, type StripeEmulator } from '@/stripe-emulator/server';
import { connectedProject, eventually, type ConnectedProject } from './helpers/stack';
import { startServer, type TestServer } from './helpers/server';

const totalRequests = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? randomBytes(4).readUInt32BE());
const concurrency = 16;
/** Share of the requests sent in the refused-only phase, between the two database reads. */
const refusedShare = 0.6;

// ---------------------------------------------------------------------------------------------------------------
// A seeded PRNG (mulberry32): the same seed gives the same requests.
let state = seed;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (p: number) => random() < p;

// ---------------------------------------------------------------------------------------------------------------
// Valid values from an endpoint's schemas, through their JSON Schema (the form the OpenAPI document uses).
type Json = Record<string, any>;

function jsonSchemaOf(schema: z.ZodType | undefined): Json | undefined {
  return schema ? (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json) : undefined;
}

function resolve(schema: Json, root: Json): Json {
  const ref: string | undefined = schema.$ref;
  return ref?.startsWith('#/$defs/') ? resolve(root.$defs?.[ref.slice(8)] ?? {}, root) : schema;
}

/** The JSON types a schema accepts; empty when it accepts anything. */
function acceptedTypes(schema: Json, root: Json): Set<string> {
  const s = resolve(schema, root);
  const types = new Set<string>();
  const branches: Json[] = s.anyOf ?? s.oneOf ?? [];
  for (const branch of branches) for (const type of acceptedTypes(branch, root)) types.add(type);
  if (branches.length && !types.size) return types;
  for (const type of [s.type ?? []].flat()) types.add(type === 'integer' ? 'number' : type);
  for (const value of s.enum ?? ('const' in s ? [s.const] : [])) types.add(value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  return types;
}

function sample(schema: Json, root: Json, depth = 0): unknown {
  const s = resolve(schema, root);
  if ('const' in s) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const branches: Json[] | undefined = s.anyOf ?? s.oneOf;
  if (branches) return sample(branches.find((b) => resolve(b, root).type !== 'null') ?? branches[0], root, depth);
  const type = [s.type].flat()[0];
  switch (type) {
    case 'object': {
      const out: Json = {};
      for (const key of s.required ?? []) out[key] = sample(s.properties?.[key] ?? {}, root, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 1 }, () => sample(s.items ?? {}, root, depth + 1));
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
      if (s.format === 'email') return `fuzz-${Math.floor(random() * 1e9)}@example.com`;
      if (s.format === 'uri' || s.format === 'url') return 'https://app.example.com/fuzz';
      if (s.format === 'date-time') return '2026-03-30T12:00:00.000Z';
      if (s.format === 'date') return '2026-03-30';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    default:
      return 'x';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile material.
const megabyte = 1024 * 1024;
const unicodeEdges = [
  '\ud800', // a lone high surrogate
  'a\udfffb', // a lone low surrogate
  '\u202eevil\u202c', // right-to-left override
  '\u200f\u200e', // RTL and LTR marks
  'nul\u0000byte',
  '\u0000',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0302\u0303\u0304\u0305'.repeat(50), // stacked combining marks
  '\ufeffbom',
  '\u200b',
  '𝕏'.repeat(1000),
  '\u0085\u2028\u2029',
];
const oddNumbers = ['1e308', '-1e308', '-0', '18446744073709551616', '1e-308', '0.1', '-1', '9007199254740993', '"NaN"', '"Infinity"', '"1e308"'];
const wrongTypedValues: Record<string, unknown[]> = {
  string: ['text', ''],
  number: [42, -0, 1e308],
  boolean: [true, false],
  null: [null],
  object: [{}, { nested: { deeper: [1] } }],
  array: [[], ['a', 1, null]],
};
const badJsonBodies = ['{', '{"a":', "{'a': 1}", '{"a":1,}', 'nul', 'undefined', '{"a":1}}', '[1,2', '"\\ud800', '{"a":"\\x00"}', '\u0000{}'];
const badContentTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/json', ''];
const badIdempotencyKeys = ['', ' ', 'a'.repeat(300), 'has space', 'tab\there', 'caf\u00e9', '\u00ff\u00fe'];
const badAuthorizations = [
  'Bearer',
  'Bearer ',
  'Bearer  bs_double_space',
  'bearer bs_lowercase',
  'Basic dXNlcjpwYXNz',
  'bs_no_scheme',
  'Bearer bs_' + 'A'.repeat(6000),
  'Bearer bs_live_0000000000000000',
  'Bearer sk_test_123',
  'Bearer ../../etc/passwd',
  "Bearer ' OR 1=1 --",
  'Bearer bs_\u00e9\u00ff',
  'Digest username="x"',
];

/** Ids no endpoint should find, most percent-encoded already (so they stay one path segment). */
function hostileIds(kindPrefixes: string[]): string[] {
  return [
    "'%20OR%201%3D1%20--",
    '1%3B%20DROP%20TABLE%20customers%3B%20--',
    '..%2F..%2F..%2Fetc%2Fpasswd',
    '%2E%2E%2F',
    '%00',
    'pc_%00',
    '%FF%FE',
    '%C0%AF',
    '%E2%80%AE',
    '%F0%9F%98%80',
    '%ED%A0%80', // a surrogate encoded in UTF-8, invalid
    'a'.repeat(6000),
    'pc_' + 'x'.repeat(3000),
    '__proto__',
    'constructor',
    'null',
    '-1',
    '1e308',
    '%5Bobject%20Object%5D',
    '%2A',
    '%25',
    ...kindPrefixes.map((prefix) => `${prefix}_${'0'.repeat(12)}`),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Requests.
interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** The endpoint and what was done to it, for the failure message. */
  label: string;
  /** A read sent among the refused requests: it may succeed (it writes nothing, as the checksum shows). */
  mayPass?: boolean;
}
interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function send(baseURL: string, request: FuzzRequest): Promise<Answer> {
  const url = new URL(baseURL);
  return new Promise((resolvePromise, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        agent,
        headers: { ...request.headers, ...(request.body ? { 'content-length': String(request.body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolvePromise({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error('no answer within 60 s')));
    req.on('error', reject);
    req.end(request.body);
  });
}

function describeRequest(request: FuzzRequest): string {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, v.length > 200 ? `${v.slice(0, 200)}… (${v.length} chars)` : v]));
  const body = request.body ? request.body.toString('utf8') : '';
  return `${request.label}\n  ${request.method} ${request.path.length > 300 ? `${request.path.slice(0, 300)}… (${request.path.length} chars)` : request.path}\n  headers ${JSON.stringify(headers)}\n  body ${body.length > 400 ? `${JSON.stringify(body.slice(0, 400))}… (${body.length} chars)` : JSON.stringify(body)}`;
}

/** What is wrong with an answer, or undefined when it is acceptable. */
function problemWith(answer: Answer, mustRefuse: boolean): string | undefined {
  if (answer.status >= 500) return `server error ${answer.status}: ${answer.text.slice(0, 500)}`;
  if (answer.status >= 200 && answer.status < 300) return mustRefuse ? `accepted (${answer.status}) a request that must be refused: ${answer.text.slice(0, 300)}` : undefined;
  if (answer.status < 400) return `unexpected status ${answer.status}`;
  if (!answer.contentType.startsWith('application/json')) return `${answer.status} with content-type ${answer.contentType}: ${answer.text.slice(0, 200)}`;
  let body: Json;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `${answer.status} with a body that is not JSON: ${answer.text.slice(0, 200)}`;
  }
  if (typeof body?.error !== 'string' || typeof body.code !== 'string') return `${answer.status} without { error, code }: ${answer.text.slice(0, 300)}`;
  if (!isErrorCode(body.code) && body.source !== 'stripe') return `${answer.status} with an uncatalogued code ${body.code}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The stack: an owner's connected team with a key and a few resources, and another team whose real ids are hostile.
let emulator: StripeEmulator;
let server: TestServer;
let firstServer: TestServer;
let main: ConnectedProject;
let other: ConnectedProject;
let otherKey: string;
const realIds: Record<string, string> = {};
const otherIds: Record<string, string> = {};

const serverEnv = {
  NEXT_MANUAL_SIG_HANDLE: 'true',
  // The fuzzer is one client sending thousands of requests: limits would answer 429 before the handlers run.
  API_KEY_RATE_LIMIT: '100000000',
  BILLSTACK_RATE_LIMITS: 'signIn=0/60,signUp=0/60,signInFailures=0/60,portal=0/60,portalActions=0/60,intakeFailures=0/60',
  STRIPE_RATE_LIMIT_TEST: '100000',
  // The seeded webhook endpoint is a closed local port: deliveries fail fast, without leaving the machine.
  BILLSTACK_WEBHOOKS_ALLOW_PRIVATE: '1',
};

/** The first `id` (or `token`) in an answer. */
function idIn(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  for (const [key, value] of Object.entries(body)) {
    if ((key === 'id' || key === 'token') && typeof value === 'string') return value;
    const nested = idIn(value);
    if (nested) return nested;
  }
  return undefined;
}

async function seedResources(project: ConnectedProject, ids: Record<string, string>) {
  const base = project.projectPath;
  const created = async (name: string, method: string, where: string, body?: unknown) => {
    const res = await project.api.request(method, where, body);
    if (res.status !== 201) throw new Error(`seeding ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    ids[name] = idIn(res.body)!;
  };
  ids.teamId = project.teamId;
  ids.projectId = project.projectId;
  await created('customerId', 'POST', `${base}/customers`, { email: `seed-${Date.now()}@example.com`, name: 'Seed' });
  await created('productId', 'POST', `${base}/products`, { name: 'Pro' });
  await created('priceId', 'POST', `${base}/products/${ids.productId}/prices`, { unitAmount: 2900, currency: 'usd', interval: 'month' });
  await created('token', 'POST', `${base}/portal`, { customerId: ids.customerId, returnUrl: 'https://app.example.com/account' });
  // A referral code's path names it by its text.
  ids.code = `SEED${Date.now()}`;
  await created('referralCodeId', 'POST', `${base}/referrals/codes`, { code: ids.code, customerId: ids.customerId });
  await created('endpointId', 'POST', `${base}/webhook-endpoints`, { url: 'http://127.0.0.1:9/webhooks', events: ['invoice.paid'] });
  const keys = await project.owner.expect(200, 'GET', `/api/billstack/teams/${project.teamId}/api-keys`);
  ids.keyId = idIn(keys)!;
}

async function stopped(what: TestServer) {
  const exit = await what.terminate('SIGTERM');
  expect(exit, what.output().slice(-2000)).toEqual({ code: 0, signal: null });
}

/** Row counts and a checksum of every table, read from the stopped server's embedded database. */
async function databaseState(dataDir: string): Promise<Record<string, string>> {
  const db = new PGlite(path.join(dataDir, 'pglite'));
  try {
    const { rows: tables } = await db.query<{ name: string }>(
      "select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE' order by 1",
    );
    const state: Record<string, string> = {};
    for (const { name } of tables) {
      // A key's last use is written while it is used, refused or not: it is not data the requests could change.
      const { rows } = await db.query<{ count: number; md5: string }>(
        `select count(*)::int as count, md5(coalesce(string_agg((to_jsonb(t) - 'last_used_at')::text, E'\\n' order by (to_jsonb(t) - 'last_used_at')::text), '')) as md5 from ${name} t`,
      );
      state[name] = `${rows[0].count} rows, ${rows[0].md5}`;
    }
    return state;
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  emulator = await startStripeEmulator({ port: 0 });
  process.env.STRIPE_API_BASE = emulator.url;
  firstServer = await startServer({ env: serverEnv });
  server = firstServer;
  main = await connectedProject(server, { team: 'Fuzz Inc' });
  other = await connectedProject(server, { email: `other-${Date.now()}@example.com`, team: 'Other Inc' });
  await seedResources(main, realIds);
  await seedResources(other, otherIds);
  const { key } = await other.owner.expect(201, 'POST', `/api/billstack/teams/${other.teamId}/api-keys`, { name: 'other', projectIds: 'all', scopes: ['*'] });
  otherKey = key;
  for (const project of [main, other]) {
    await eventually(
      server,
      async () => ((await project.api.expect(200, 'GET', `${project.projectPath}/sync`)).import?.status === 'running' ? undefined : true),
      'the history import',
    );
  }
  await emulator.idle();
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await firstServer?.stop();
  await emulator?.close();
  delete process.env.STRIPE_API_BASE;
  agent.destroy();
});

// ---------------------------------------------------------------------------------------------------------------
// Building one request.
const prefixes = ['team', 'proj', 'pc', 'pp', 'pri', 'ps', 'key', 'ptok', 'whe', 'rc', 'ref', 'we', 'wd', 'inv', 'mem', 'cus', 'sub'];

function credentialsOf(endpoint: EndpointSpec): Record<string, string> {
  const session = { cookie: main.owner.headers.cookie, origin: server.baseURL };
  if (endpoint.auth === 'project') return chance(0.7) ? { authorization: main.api.headers.authorization } : session;
  if (endpoint.auth === 'team' || endpoint.auth === 'user') return session;
  return {};
}

function pathWith(endpoint: EndpointSpec, override?: { param: string; value: string }): string {
  return endpoint.path.replace(/\{(\w+)\}/g, (_, param: string) => {
    if (override?.param === param) return override.value;
    const id = realIds[param] ?? `${pick(prefixes)}_${Math.floor(random() * 1e12).toString(36)}`;
    return encodeURIComponent(id);
  });
}

function queryString(entries: [string, string][]): string {
  if (!entries.length) return '';
  const encode = (value: string) => encodeURIComponent(value.toWellFormed());
  return '?' + entries.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
}

/** Query parameters whose schema no free text satisfies: a number, an enum, a date, a boolean. */
function typedQueryParams(schema: Json): [string, Json][] {
  return Object.entries((schema.properties ?? {}) as Record<string, Json>).filter(([, prop]) => {
    const s = resolve(prop, schema);
    const types = acceptedTypes(s, schema);
    return types.size > 0 && !types.has('string') ? true : Boolean(s.enum || s.format === 'date-time' || s.format === 'date' || s.pattern);
  });
}

interface Target {
  operationId: string;
  endpoint: EndpointSpec;
  body?: Json;
  query?: Json;
}

function validBody(target: Target): Json | undefined {
  if (!target.body) return undefined;
  const example = (target.endpoint.bodyExample ?? sample(target.body, target.body)) as Json;
  // The examples name made-up ids: this project's real ones make the request reach further.
  return JSON.parse(JSON.stringify(example), (_, value) => {
    if (typeof value !== 'string') return value;
    if (/^pc_/.test(value)) return realIds.customerId;
    if (/^pri_/.test(value)) return realIds.priceId;
    if (/^pp_/.test(value)) return realIds.productId;
    return value;
  });
}

function jsonRequest(target: Target, label: string, body: unknown, extra: Partial<FuzzRequest> = {}): FuzzRequest {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    method: target.endpoint.method,
    path: pathWith(target.endpoint),
    headers: { ...credentialsOf(target.endpoint), 'content-type': 'application/json' },
    body: Buffer.from(text, 'utf8'),
    label: `${target.operationId}: ${label}`,
    ...extra,
  };
}

/** The query parameters an endpoint requires, with valid values. */
function validQuery(target: Target): string {
  const query = target.query;
  if (!query) return '';
  return queryString(((query.required ?? []) as string[]).map((key) => [key, String(realIds[key] ?? sample(query.properties?.[key] ?? {}, query))]));
}

function plainRequest(target: Target, label: string, extra: Partial<FuzzRequest> = {}): FuzzRequest {
  const body = validBody(target);
  return {
    method: target.endpoint.method,
    path: pathWith(target.endpoint) + validQuery(target),
    headers: { ...credentialsOf(target.endpoint), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? Buffer.from(JSON.stringify(body)) : undefined,
    label: `${target.operationId}: ${label}`,
    ...extra,
  };
}

/** The paths to every scalar inside a JSON value. */
function leafPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leafPaths(item, [...at, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...at, key]));
  return at.length ? [at] : [];
}

const deepNesting = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

/** Mutations whose request every endpoint must refuse (none may write). */
function refusedMutations(target: Target): (() => FuzzRequest)[] {
  const { endpoint } = target;
  const mutations: (() => FuzzRequest)[] = [];
  const body = target.body;
  if (body) {
    const props = Object.entries((body.properties ?? {}) as Record<string, Json>);
    mutations.push(
      () => jsonRequest(target, 'bad JSON', pick(badJsonBodies)),
      () => jsonRequest(target, 'body nested 10,000 levels deep', deepNesting(10_000)),
      () => jsonRequest(target, 'body not an object', pick([[], 'string', 42, null, true])),
      () => {
        const good = JSON.stringify(validBody(target));
        return { ...jsonRequest(target, 'wrong content type', good), headers: { ...credentialsOf(endpoint), 'content-type': pick(badContentTypes) } };
      },
      () => jsonRequest(target, 'invalid UTF-8 body', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d]).toString('latin1')),
    );
    if (body.additionalProperties === false) {
      mutations.push(() => jsonRequest(target, 'extra field', { ...validBody(target), [pick(['__proto__x', 'extra', 'id', 'teamId', 'a'.repeat(1000)])]: pick(['x', 1, null, {}]) }));
    }
    if (body.required?.length) {
      mutations.push(() => {
        const value = validBody(target)!;
        const field = pick(body.required as string[]);
        delete value[field];
        return jsonRequest(target, `missing ${field}`, value);
      });
    }
    const typed = props.filter(([, prop]) => acceptedTypes(prop, body).size > 0);
    if (typed.length) {
      mutations.push(() => {
        const [field, prop] = pick(typed);
        const accepted = acceptedTypes(prop, body);
        const wrong = pick(Object.keys(wrongTypedValues).filter((type) => !accepted.has(type)));
        return jsonRequest(target, `${field} of type ${wrong}`, { ...validBody(target), [field]: pick(wrongTypedValues[wrong]) });
      });
      mutations.push(() => {
        const [field] = pick(typed);
        return jsonRequest(target, `${field} nested 10,000 levels deep`, JSON.stringify({ ...validBody(target), [field]: '__deep__' }).replace('"__deep__"', deepNesting(10_000)));
      });
    }
  }
  if (target.query) {
    const typed = typedQueryParams(target.query);
    if (typed.length) {
      mutations.push(() => {
        const [field] = pick(typed);
        // No number, enum, date or short code reads any of these.
        const value = pick(['not-a-number', 'NaN-x', '[]', '{}', 'not-a-date', '\u202e', 'x'.repeat(8000)]);
        return plainRequest(target, `query ${field}=${value.slice(0, 20)}`, { path: pathWith(endpoint) + queryString([[field, value]]) });
      });
    }
  }
  const params = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  if (params.length) {
    mutations.push(() => {
      const param = pick(params);
      // Another project's portal token is a valid credential of its own portal, so it is no hostile id there.
      const foreign = otherIds[param] && !(param === 'token' && endpoint.auth === 'portal');
      const value = chance(0.3) && foreign ? encodeURIComponent(otherIds[param]) : pick(hostileIds(prefixes));
      // Another kind's real id in this place.
      const swapped = chance(0.15) ? encodeURIComponent(pick(Object.values(realIds).filter((id) => id !== realIds[param]))) : value;
      return plainRequest(target, `hostile ${param}`, { path: pathWith(endpoint, { param, value: swapped }) });
    });
  }
  if (endpoint.auth === 'project' || endpoint.auth === 'team' || endpoint.auth === 'user') {
    mutations.push(() => {
      const authorization = chance(0.2) ? `Bearer ${otherKey}` : pick(badAuthorizations);
      const request = plainRequest(target, `Authorization ${authorization.slice(0, 30)}`);
      // Another team's key reaches a project endpoint only of its own team; for team endpoints any key is refused.
      if (authorization.includes(otherKey) && endpoint.auth === 'project' && !endpoint.path.includes('{projectId}')) return request;
      return { ...request, headers: { ...request.headers, authorization, cookie: '' } };
    });
    mutations.push(() => {
      const request = plainRequest(target, 'no credentials, or a forged session');
      const { authorization: _a, cookie: _c, ...rest } = request.headers;
      return { ...request, headers: chance(0.5) ? rest : { ...rest, cookie: 'better-auth.session_token=forged.signature', origin: server.baseURL } };
    });
  }
  if (endpoint.auth === 'stripeSignature') {
    mutations.push(() => {
      const request = jsonRequest(target, 'unsigned or badly signed event', { id: 'evt_fuzz', type: 'customer.created', data: { object: {} } });
      return { ...request, headers: { ...request.headers, ...(chance(0.5) ? { 'stripe-signature': pick(['t=1,v1=00', 'garbage', 'v1=' + 'f'.repeat(64), 't=99999999999,v1=' + '0'.repeat(64)]) } : {}) } };
    });
  }
  if (endpoint.method === 'GET') mutations.push(() => plainRequest(target, 'plain read', { mayPass: true }));
  return mutations;
}

/** Mutations that may well be valid: odd and huge values, hostile query strings, bad Idempotency-Keys. */
function mixedMutations(target: Target): (() => FuzzRequest)[] {
  const { endpoint } = target;
  const mutations: (() => FuzzRequest)[] = [() => plainRequest(target, 'valid request')];
  const body = target.body;
  if (body) {
    const strings = Object.entries((body.properties ?? {}) as Record<string, Json>).filter(([, prop]) => acceptedTypes(prop, body).has('string'));
    const numbers = Object.entries((body.properties ?? {}) as Record<string, Json>).filter(([, prop]) => acceptedTypes(prop, body).has('number'));
    if (strings.length) {
      mutations.push(() => {
        const [field] = pick(strings);
        return jsonRequest(target, `${field} of unicode edge cases`, { ...validBody(target), [field]: pick(unicodeEdges) });
      });
      mutations.push(() => {
        const [field] = pick(strings);
        // Just under and just over the 1 MB body limit.
        const size = chance(0.5) ? megabyte - 200 : megabyte + 10;
        return jsonRequest(target, `${field} of ${size} chars`, { ...validBody(target), [field]: 'x'.repeat(size) });
      });
      mutations.push(() => {
        const [field] = pick(strings);
        return jsonRequest(target, `${field} with a SQL-ish value`, { ...validBody(target), [field]: pick(["' OR 1=1 --", '"; DROP TABLE teams; --', '$1', '%s%n', '{{7*7}}', '<script>alert(1)</script>']) });
      });
    }
    if (numbers.length) {
      mutations.push(() => {
        const [field] = pick(numbers);
        const number = pick(oddNumbers);
        return jsonRequest(target, `${field}=${number}`, JSON.stringify({ ...validBody(target), [field]: '__n__' }).replace('"__n__"', number));
      });
    }
    mutations.push(() => {
      // Any value inside the body (a metadata entry, an item of a list), not only a top-level field.
      const value = validBody(target)!;
      const leaves = leafPaths(value);
      if (!leaves.length) return jsonRequest(target, 'valid body', value);
      const leaf = pick(leaves);
      const replacement = pick<unknown>([...unicodeEdges, 'x'.repeat(100_000), 1e308, -0, 2 ** 64, 'NaN', null, true]);
      let holder: any = value;
      for (const key of leaf.slice(0, -1)) holder = holder[key];
      holder[leaf[leaf.length - 1]] = replacement;
      return jsonRequest(target, `${leaf.join('.')} replaced deep inside`, value);
    });
    mutations.push(() => {
      const value = validBody(target)!;
      const optional = Object.keys(body.properties ?? {}).filter((key) => !(body.required ?? []).includes(key));
      if (optional.length) value[pick(optional)] = sample(body.properties[pick(optional)] ?? {}, body);
      return jsonRequest(target, 'optional fields', value);
    });
  }
  if (target.query) {
    const fields = Object.keys(target.query.properties ?? {});
    mutations.push(() => {
      const field = fields.length ? pick(fields) : 'q';
      const entries = pick<() => [string, string][]>([
        () => Array.from({ length: 50 }, (_, i): [string, string] => [field, String(i)]),
        () => [[`${field}[]`, '1'], [`${field}[]`, '2']],
        () => [[`${field}[a][b]`, 'x']],
        () => [[field, 'x'.repeat(10_000)]],
        () => Array.from({ length: 500 }, (_, i): [string, string] => [`k${i}`, 'v']),
        () => [[field, pick(unicodeEdges)]],
        () => [[field, pick(oddNumbers)]],
        () => [['__proto__', 'x'], ['constructor', 'y']],
      ])();
      return plainRequest(target, `hostile query ${JSON.stringify(entries[0]).slice(0, 40)}`, { path: pathWith(endpoint) + queryString(entries) });
    });
  }
  if (endpoint.method === 'POST') {
    mutations.push(() => {
      const request = plainRequest(target, 'bad Idempotency-Key');
      return { ...request, headers: { ...request.headers, 'idempotency-key': pick(badIdempotencyKeys) } };
    });
  }
  return mutations;
}

/** Destructive verbs stay in the refused phase: a valid one would end the run's coverage (its team, key, Stripe). */
const destructive = (endpoint: EndpointSpec) => endpoint.method === 'DELETE' || /\/stripe$/.test(endpoint.path) || /rotate-secret$/.test(endpoint.path);

/** Node refuses a request line and headers beyond 16 KB with a bare 431, before the app: the fuzzer stays under. */
const headerBudget = 15_500;

/** Sometimes adds headers every request may carry: odd ones, a bad request id, one filling the header budget. */
function decorate(request: FuzzRequest): FuzzRequest {
  const headers = { ...request.headers };
  const room = () => headerBudget - request.path.length - Object.entries(headers).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
  const add = (name: string, value: string) => {
    if (value.length + name.length + 4 <= room()) headers[name] = value;
  };
  if (chance(0.05)) add(`x-fuzz-${Math.floor(random() * 1e6)}`, pick(['', '\u00e9\u00ff', 'a'.repeat(2000)]));
  if (chance(0.05)) add('x-request-id', pick(['', 'x'.repeat(5000), '../../', '\u00ff']));
  if (chance(0.05)) add('x-fuzz-padding', 'p'.repeat(Math.max(0, room() - 20)));
  return { ...request, headers };
}

async function run(requests: FuzzRequest[], mustRefuse: boolean) {
  const failures: string[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      try {
        const answer = await send(server.baseURL, request);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        const problem = problemWith(answer, mustRefuse && !request.mayPass);
        if (problem) failures.push(`${problem}\n${describeRequest(request)}`);
      } catch (error) {
        failures.push(`connection failed: ${(error as Error).message}\n${describeRequest(request)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  console.log(`fuzz seed ${seed}: ${requests.length} ${mustRefuse ? 'refused-only' : 'mixed'} requests in ${seconds.toFixed(1)} s (${(requests.length / seconds).toFixed(0)} req/s), ${failures.length} failures; statuses ${JSON.stringify(statuses)}`);
  return failures;
}

function build(count: number, phase: 'refused' | 'mixed'): FuzzRequest[] {
  const targets: Target[] = routeTable.map(({ operationId, endpoint }) => ({ operationId, endpoint, body: jsonSchemaOf(endpoint.body), query: jsonSchemaOf(endpoint.query) }));
  const requests: FuzzRequest[] = [];
  for (let i = 0; i < count; i++) {
    const target = targets[i % targets.length];
    const refused = refusedMutations(target);
    const pool = phase === 'refused' || destructive(target.endpoint) ? refused : [...mixedMutations(target), ...refused];
    requests.push(decorate(pick(pool)()));
  }
  return requests;
}

function failureReport(failures: string[]): string {
  const file = path.join(os.tmpdir(), `billstack-fuzz-${seed}.log`);
  fs.writeFileSync(file, failures.join('\n\n'));
  return `every failure in ${file}; seed ${seed} (FUZZ_SEED=${seed} replays it): ${failures.length} failures\n\n${failures.slice(0, 15).join('\n\n')}\n\nserver output:\n${server.output().slice(-3000)}`;
}

describe('fuzzing every endpoint through next start', () => {
  it('refuses malformed requests with catalogued 4xx JSON and leaves the database as it was', async () => {
    const refusedCount = Math.round(totalRequests * refusedShare);
    console.log(`fuzz seed ${seed} (FUZZ_SEED=${seed} replays it): ${totalRequests} requests over ${routeTable.length} endpoints`);

    await stopped(server);
    const before = await databaseState(firstServer.dataDir);
    const rows = Object.values(before).reduce((sum, entry) => sum + parseInt(entry, 10), 0);
    console.log(`database before the refused requests: ${Object.keys(before).length} tables, ${rows} rows`);
    server = await startServer({ env: serverEnv, dataDir: firstServer.dataDir, port: Number(new URL(firstServer.baseURL).port) });
    const refusedFailures = await run(build(refusedCount, 'refused'), true);
    await stopped(server);
    const after = await databaseState(firstServer.dataDir);

    server = await startServer({ env: serverEnv, dataDir: firstServer.dataDir, port: Number(new URL(firstServer.baseURL).port) });
    const failures = [...refusedFailures, ...(await run(build(totalRequests - refusedCount, 'mixed'), false))];
    expect(failures, failureReport(failures)).toEqual([]);
    expect(after, `seed ${seed}: refused requests changed the database`).toEqual(before);
  }, 600_000);
});
