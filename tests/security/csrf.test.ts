/**
 * Finding 5: BillStack's own cookie-authenticated routes had no CSRF defence. Before the fix every request
 * below that is refused here (another site's Origin, no Origin at all, a form's content type on an empty body)
 * succeeded with the victim's session: a page on any site could create keys or projects in their team.
 */
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import * as teamsRoute from '@/app/api/billstack/teams/route';
import * as projectsRoute from '@/app/api/billstack/teams/[teamId]/projects/route';
import * as apiKeyRoute from '@/app/api/billstack/teams/[teamId]/api-keys/[keyId]/route';
import * as customersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/route';
import type { RouteHandler } from '@/lib/http/route';
import { call } from '../helpers/http';
import { createProject, createTeam, signUp } from '../helpers/fixtures';
import { useStripeEmulator } from '../helpers/stripe';
import { connectTeam } from '../helpers/stripe';
import { issueApiKey } from '../helpers/world';

useStripeEmulator();

const refused = { error: 'Cross-origin request refused: requests signed in with a session must come from the BillStack app', code: 'cross_origin_refused' };

/** A raw request, so that no helper adds the headers a same-origin page would send. */
async function send(handler: RouteHandler, path: string, init: { method: string; headers: Record<string, string>; body?: string; params?: Record<string, string> }) {
  const req = new NextRequest(new URL(path, 'http://localhost:3000'), { method: init.method, headers: init.headers, body: init.body });
  const res = await handler(req, { params: Promise.resolve(init.params ?? {}) });
  return { status: res.status, body: await res.json() };
}

describe('CSRF defence on session-authenticated routes', () => {
  it('refuses a state-changing session request from another origin, or with no origin at all', async () => {
    const owner = await signUp();
    const json = { ...owner.headers, 'content-type': 'application/json' };
    const body = JSON.stringify({ name: 'Evil' });

    const foreign = await send(teamsRoute.POST, '/api/billstack/teams', { method: 'POST', headers: { ...json, origin: 'https://evil.example' }, body });
    const crossSite = await send(teamsRoute.POST, '/api/billstack/teams', { method: 'POST', headers: { ...json, 'sec-fetch-site': 'cross-site' }, body });
    const bare = await send(teamsRoute.POST, '/api/billstack/teams', { method: 'POST', headers: json, body });
    const teams = await call(teamsRoute.GET, '/api/billstack/teams', { headers: owner.headers });

    expect([foreign, crossSite, bare]).toEqual([
      { status: 403, body: refused },
      { status: 403, body: refused },
      { status: 403, body: refused },
    ]);
    expect(teams.body.teams).toEqual([]);
  });

  it('accepts the app origin, or Sec-Fetch-Site: same-origin, as the dashboard sends them', async () => {
    const owner = await signUp();
    const json = { ...owner.headers, 'content-type': 'application/json' };

    const byOrigin = await send(teamsRoute.POST, '/api/billstack/teams', {
      method: 'POST',
      headers: { ...json, origin: 'http://localhost:3000' },
      body: JSON.stringify({ name: 'One' }),
    });
    const bySite = await send(teamsRoute.POST, '/api/billstack/teams', {
      method: 'POST',
      headers: { ...json, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ name: 'Two' }),
    });

    expect([byOrigin.status, byOrigin.body.team.name, bySite.status, bySite.body.team.name]).toEqual([201, 'One', 201, 'Two']);
  });

  it('needs a JSON content type even on an empty body, which an HTML form cannot send', async () => {
    const owner = await signUp();
    const team = await createTeam(owner);
    const key = await issueApiKey(owner, team.id);
    const path = `/api/billstack/teams/${team.id}/api-keys/${key.id}`;
    const params = { teamId: team.id, keyId: key.id };

    const asForm = await send(apiKeyRoute.DELETE, path, {
      method: 'DELETE',
      params,
      headers: { ...owner.headers, origin: 'http://localhost:3000', 'content-type': 'application/x-www-form-urlencoded' },
    });
    const untyped = await send(apiKeyRoute.DELETE, path, { method: 'DELETE', params, headers: { ...owner.headers, origin: 'http://localhost:3000' } });
    const asJson = await send(apiKeyRoute.DELETE, path, {
      method: 'DELETE',
      params,
      headers: { ...owner.headers, origin: 'http://localhost:3000', 'content-type': 'application/json' },
    });

    expect([asForm, untyped]).toEqual([
      { status: 400, body: { error: 'Content-Type must be application/json', code: 'invalid_content_type' } },
      { status: 400, body: { error: 'Content-Type must be application/json', code: 'invalid_content_type' } },
    ]);
    expect(asJson.status).toBe(200);
  });

  it('leaves reads alone and exempts API keys, which a browser never sends on its own', async () => {
    const owner = await signUp();
    const team = await createTeam(owner);
    await connectTeam(owner, team.id);
    const project = await createProject(owner, team.id);
    const key = await issueApiKey(owner, team.id);

    const read = await send(projectsRoute.GET, `/api/billstack/teams/${team.id}/projects`, {
      method: 'GET',
      params: { teamId: team.id },
      headers: { ...owner.headers, origin: 'https://evil.example' },
    });
    const withKey = await send(customersRoute.POST, `/api/billstack/teams/${team.id}/projects/${project.id}/customers`, {
      method: 'POST',
      params: { teamId: team.id, projectId: project.id },
      headers: { ...key.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'keyed@example.com' }),
    });

    expect(read.status).toBe(200);
    expect([withKey.status, withKey.body.customer.email]).toEqual([201, 'keyed@example.com']);
  });
});
