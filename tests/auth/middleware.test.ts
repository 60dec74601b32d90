import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { apiVersion } from '@/lib/http/version';
import { middleware } from '@/middleware';

const projectPath = '/api/billstack/teams/team_a/projects/proj_b/customers';
const run = (path: string, headers: Record<string, string> = {}) =>
  middleware(new NextRequest(new URL(path, 'http://localhost:3000'), { headers }));
const goodKey = `bs_${'a'.repeat(43)}`;
const sessionCookie = { cookie: 'better-auth.session_token=abc.def' };

describe('middleware', () => {
  it.each([
    ['no credentials on a project endpoint', projectPath, {}, 'Authentication required: sign in or send an API key', 'unauthorized'],
    ['a malformed Authorization header', projectPath, { authorization: 'Token abc' }, 'Malformed Authorization header: expected "Bearer bs_..."', 'invalid_api_key'],
    ['a malformed key', projectPath, { authorization: 'Bearer bs_123' }, 'Malformed API key', 'invalid_api_key'],
    ['a key on a team endpoint', '/api/billstack/teams/team_a/api-keys', { authorization: `Bearer ${goodKey}` }, 'API keys cannot be used on team-level endpoints; sign in with a dashboard session', 'api_key_not_allowed'],
    ['no session on a team endpoint', '/api/billstack/teams', {}, 'Authentication required: sign in', 'unauthorized'],
  ])('refuses %s with 401', async (_name, path, headers, error, code) => {
    const res = run(path, headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error, code });
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    expect(res.headers.get('billstack-version')).toBe(apiVersion);
  });

  it.each([
    ['a well-formed key', projectPath, { authorization: `Bearer ${goodKey}` }],
    ['a session cookie', projectPath, sessionCookie],
    ['a session on a team endpoint', '/api/billstack/teams/team_a', sessionCookie],
  ])('lets %s through to the route', (_name, path, headers) => {
    const res = run(path, headers);
    expect(res.headers.get('x-middleware-next')).toBe('1');
  });

  it.each([
    ['an invalid UTF-8 byte', '/api/billstack/teams/%FF%FE/projects/proj_b/customers'],
    ['an overlong encoding', '/api/billstack/portal/%C0%AF'],
    ['an encoded lone surrogate', '/api/billstack/teams/team_a/projects/proj_b/customers/%ED%A0%80'],
    ['a NUL', '/api/billstack/teams/team_a/projects/%00/customers'],
    ['a control character', '/api/billstack/portal/tok%0Aen'],
  ])('refuses a path with %s with 400 before any credential check', async (_name, path) => {
    const res = run(path, { authorization: `Bearer ${goodKey}` });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'Malformed path: a segment is not valid percent-encoded UTF-8 or holds a control character',
      code: 'bad_request',
    });
  });

  it('lets encoded but well-formed ids through', () => {
    const res = run('/api/billstack/teams/team_a/projects/proj_b/customers/%F0%9F%98%80%20%2F..', { authorization: `Bearer ${goodKey}` });
    expect(res.headers.get('x-middleware-next')).toBe('1');
  });

  it('keeps a caller-supplied request id', () => {
    expect(run(projectPath, { 'x-request-id': 'trace-42' }).headers.get('x-request-id')).toBe('trace-42');
  });

  it('sends a signed-out visitor of the dashboard to sign-in', () => {
    const res = run('/teams/team_a');
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('http://localhost:3000/sign-in');
  });
});
