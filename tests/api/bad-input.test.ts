import { beforeAll, describe, expect, it } from 'vitest';
import * as teamsRoute from '@/app/api/billstack/teams/route';
import * as teamRoute from '@/app/api/billstack/teams/[teamId]/route';
import * as membersRoute from '@/app/api/billstack/teams/[teamId]/members/route';
import * as projectsRoute from '@/app/api/billstack/teams/[teamId]/projects/route';
import * as projectRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/route';
import type { RouteHandler } from '@/lib/http/route';
import { call, type CallOptions } from '../helpers/http';
import { createProject, createTeam, signUp, type TestUser } from '../helpers/fixtures';

// Every bad request is a 400 naming what is wrong, and leaves no trace: the state read back afterwards is unchanged.

let owner: TestUser;
let team: { id: string };
let project: { id: string };

beforeAll(async () => {
  owner = await signUp();
  team = await createTeam(owner, 'Original team');
  project = await createProject(owner, team.id, 'Original project');
});

interface Target {
  handler: RouteHandler;
  options: () => CallOptions;
  /** Reads back what the request would have changed. */
  state: () => Promise<unknown>;
}

const read = async (handler: RouteHandler, options: CallOptions) => {
  const res = await call(handler, '/api/billstack', { ...options, headers: owner.headers });
  expect(res.status).toBe(200);
  return res.body;
};

const targets: Record<string, Target> = {
  'POST /teams': {
    handler: teamsRoute.POST,
    options: () => ({ method: 'POST' }),
    state: () => read(teamsRoute.GET, {}),
  },
  'PATCH /teams/{teamId}': {
    handler: teamRoute.PATCH,
    options: () => ({ method: 'PATCH', params: { teamId: team.id } }),
    state: () => read(teamRoute.GET, { params: { teamId: team.id } }),
  },
  'POST /teams/{teamId}/projects': {
    handler: projectsRoute.POST,
    options: () => ({ method: 'POST', params: { teamId: team.id } }),
    state: () => read(projectsRoute.GET, { params: { teamId: team.id } }),
  },
  'PATCH /teams/{teamId}/projects/{projectId}': {
    handler: projectRoute.PATCH,
    options: () => ({ method: 'PATCH', params: { teamId: team.id, projectId: project.id } }),
    state: () => read(projectRoute.GET, { params: { teamId: team.id, projectId: project.id } }),
  },
  'POST /teams/{teamId}/members': {
    handler: membersRoute.POST,
    options: () => ({ method: 'POST', params: { teamId: team.id } }),
    state: () => read(membersRoute.GET, { params: { teamId: team.id } }),
  },
};

type BadBody = [label: string, request: Pick<CallOptions, 'body' | 'rawBody' | 'headers'>, error: string | RegExp];

const json = { 'content-type': 'application/json' };

/**
 * The body of a 400 with this message: a body that is not JSON has its own code; a field at fault is
 * `validation_error` naming it (the field is the one the message names; a pattern's cases are all about `name`).
 */
function badRequestBody(error: string | RegExp) {
  if (error === 'Malformed JSON body') return { error, code: 'invalid_json' };
  if (error === 'Content-Type must be application/json') return { error, code: 'invalid_content_type' };
  if (typeof error !== 'string') return { error: expect.stringMatching(error), code: 'validation_error', field: 'name' };
  const field = /^(?:Invalid (?:body|query) field|Unknown field) "([^"]+)"/.exec(error)?.[1];
  return { error, code: 'validation_error', ...(field ? { field } : {}) };
}

/** Bad bodies for any endpoint whose body is `{ name }`. */
const badNameBodies: BadBody[] = [
  ['malformed JSON', { rawBody: '{"name": "x"', headers: json }, 'Malformed JSON body'],
  ['text/plain with a JSON-looking body', { rawBody: '{"name":"x"}', headers: { 'content-type': 'text/plain' } }, 'Content-Type must be application/json'],
  ['a form-encoded body', { rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 'Content-Type must be application/json'],
  ['an unknown field', { body: { name: 'x', color: 'red' } }, 'Unknown field "color" in body'],
  ['two unknown fields', { body: { name: 'x', color: 'red', size: 2 } }, 'Unknown field "color", "size" in body'],
  ['a name over 100 characters', { body: { name: 'x'.repeat(101) } }, 'Invalid body field "name": Too big: expected string to have <=100 characters'],
  ['a blank name', { body: { name: '   ' } }, 'Invalid body field "name": Too small: expected string to have >=1 characters'],
  ['a numeric name', { body: { name: 42 } }, 'Invalid body field "name": Invalid input: expected string, received number'],
  ['a null name', { body: { name: null } }, 'Invalid body field "name": Invalid input: expected string, received null'],
  ['a missing name', { body: {} }, 'Invalid body field "name": Invalid input: expected string, received undefined'],
  ['no body at all', {}, 'Invalid body field "name": Invalid input: expected string, received undefined'],
  ['a null body', { body: null }, 'Invalid body: Invalid input: expected object, received null'],
  ['an array body', { body: [{ name: 'x' }] }, 'Invalid body: Invalid input: expected object, received array'],
  // PostgreSQL cannot store U+0000 in text: unless validation refuses it, the insert fails with a 500.
  ['a name containing a NUL character', { body: { name: 'a\u0000b' } }, /^Invalid body field "name": /],
  // JSON can carry an unpaired surrogate; stored as UTF-8 it silently becomes U+FFFD, so the name saved is not the one sent.
  ['a name containing an unpaired surrogate', { body: { name: 'a\ud800b' } }, /^Invalid body field "name": /],
];

const roleOptions = 'expected one of "owner"|"admin"|"member"';
const badMemberBodies: BadBody[] = [
  ['malformed JSON', { rawBody: '{"email": ', headers: json }, 'Malformed JSON body'],
  ['text/plain', { rawBody: '{"email":"a@b.co","role":"member"}', headers: { 'content-type': 'text/plain' } }, 'Content-Type must be application/json'],
  ['an unknown field', { body: { email: 'a@b.co', role: 'member', name: 'A' } }, 'Unknown field "name" in body'],
  ['an invalid email', { body: { email: 'not-an-email', role: 'member' } }, 'Invalid body field "email": Invalid email address'],
  ['an email over 254 characters', { body: { email: `${'a'.repeat(250)}@b.co`, role: 'member' } }, 'Invalid body field "email": Too big: expected string to have <=254 characters'],
  ['a numeric email', { body: { email: 7, role: 'member' } }, 'Invalid body field "email": Invalid input: expected string, received number'],
  ['a missing email', { body: { role: 'member' } }, 'Invalid body field "email": Invalid input: expected string, received undefined'],
  ['an invalid role', { body: { email: 'a@b.co', role: 'superuser' } }, `Invalid body field "role": Invalid option: ${roleOptions}`],
  ['a capitalised role', { body: { email: 'a@b.co', role: 'Admin' } }, `Invalid body field "role": Invalid option: ${roleOptions}`],
  ['a missing role', { body: { email: 'a@b.co' } }, `Invalid body field "role": Invalid option: ${roleOptions}`],
];

// A project PATCH may change the name or the allowed origins: without either it names both.
const projectPatchErrors: Record<string, string> = {
  'a missing name': 'Invalid body: Send name or allowedOrigins',
  'no body at all': 'Invalid body: Send name or allowedOrigins',
};

const bodyCases = [
  ...['POST /teams', 'PATCH /teams/{teamId}', 'POST /teams/{teamId}/projects'].flatMap((endpoint) =>
    badNameBodies.map(([label, request, error]) => [endpoint, label, request, error] as const),
  ),
  ...badNameBodies.map(
    ([label, request, error]) => ['PATCH /teams/{teamId}/projects/{projectId}', label, request, projectPatchErrors[label] ?? error] as const,
  ),
  ...badMemberBodies.map(([label, request, error]) => ['POST /teams/{teamId}/members', label, request, error] as const),
];

describe('bad bodies', () => {
  it.each(bodyCases)('%s with %s is 400', async (endpoint, _, request, error) => {
    const target = targets[endpoint];
    const before = await target.state();

    const res = await call(target.handler, '/api/billstack', {
      ...target.options(),
      ...request,
      headers: { ...owner.headers, ...request.headers },
    });

    expect(res.status).toBe(400);
    expect(res.body).toEqual(badRequestBody(error));
    expect(await target.state()).toEqual(before);
  });
});

describe('bad pagination', () => {
  const lists: Record<string, [RouteHandler, () => CallOptions['params']]> = {
    'GET /teams': [teamsRoute.GET, () => ({})],
    'GET /teams/{teamId}/projects': [projectsRoute.GET, () => ({ teamId: team.id })],
    'GET /teams/{teamId}/members': [membersRoute.GET, () => ({ teamId: team.id })],
  };
  const badQueries: [Record<string, string>, string][] = [
    [{ limit: '0' }, 'Invalid query field "limit": Too small: expected number to be >=1'],
    [{ limit: '101' }, 'Invalid query field "limit": Too big: expected number to be <=100'],
    [{ limit: 'abc' }, 'Invalid query field "limit": Invalid input: expected number, received NaN'],
    [{ limit: '1.5' }, 'Invalid query field "limit": Invalid input: expected int, received number'],
    [{ limit: '' }, 'Invalid query field "limit": Too small: expected number to be >=1'],
    [{ offset: '-1' }, 'Invalid query field "offset": Too small: expected number to be >=0'],
    [{ offset: 'abc' }, 'Invalid query field "offset": Invalid input: expected number, received NaN'],
  ];
  const cases = Object.keys(lists).flatMap((endpoint) => badQueries.map(([query, error]) => [endpoint, query, error] as const));

  it.each(cases)('%s with %o is 400', async (endpoint, query, error) => {
    const [handler, params] = lists[endpoint];

    const res = await call(handler, '/api/billstack', { params: params(), query, headers: owner.headers });

    expect(res.status).toBe(400);
    expect(res.body).toEqual(badRequestBody(error));
  });
});
