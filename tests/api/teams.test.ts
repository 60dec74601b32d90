import { beforeAll, describe, expect, it } from 'vitest';
import * as teamsRoute from '@/app/api/billstack/teams/route';
import * as teamRoute from '@/app/api/billstack/teams/[teamId]/route';
import * as membersRoute from '@/app/api/billstack/teams/[teamId]/members/route';
import * as projectsRoute from '@/app/api/billstack/teams/[teamId]/projects/route';
import * as projectRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/route';
import { getAuth } from '@/lib/auth/auth';
import { authenticationRequired, keyOnTeamEndpoint, sessionRequired } from '@/lib/auth/credentials';
import type { RouteHandler } from '@/lib/http/route';
import { call, type CallOptions } from '../helpers/http';
import { createProject, createTeam, joinByInvitation, signUp, type TestUser } from '../helpers/fixtures';
import { connectTeam, useStripeEmulator } from '../helpers/stripe';

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const teamId = expect.stringMatching(/^team_[0-9a-zA-Z]{20}$/);

const teamPath = (id: string) => `/api/billstack/teams/${id}`;

function getTeam(as: TestUser, id: string) {
  return call(teamRoute.GET, teamPath(id), { params: { teamId: id }, headers: as.headers });
}

function listTeams(as: TestUser, query: CallOptions['query'] = {}) {
  return call(teamsRoute.GET, '/api/billstack/teams', { query, headers: as.headers });
}


describe('POST /api/billstack/teams', () => {
  it('creates a team owned by the caller', async () => {
    const owner = await signUp();
    const before = Date.now();
    const res = await call(teamsRoute.POST, '/api/billstack/teams', {
      method: 'POST',
      body: { name: '  Acme Inc  ' },
      headers: owner.headers,
    });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ team: { id: teamId, name: 'Acme Inc', role: 'owner', createdAt: expect.stringMatching(isoUtc) } });
    // The database clock and ours agree to well within a minute.
    expect(Math.abs(Date.parse(res.body.team.createdAt) - before)).toBeLessThan(60_000);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('accepts a name of exactly 100 characters and a charset on the content type', async () => {
    const owner = await signUp();
    const name = 'n'.repeat(100);
    const res = await call(teamsRoute.POST, '/api/billstack/teams', {
      method: 'POST',
      rawBody: JSON.stringify({ name }),
      headers: { ...owner.headers, 'content-type': 'application/json; charset=utf-8' },
    });

    expect(res.status).toBe(201);
    expect(res.body.team.name).toBe(name);
  });
});

describe('GET /api/billstack/teams', () => {
  let owner: TestUser;
  let created: { id: string; name: string }[];

  beforeAll(async () => {
    owner = await signUp();
    const stranger = await signUp();
    created = [];
    for (const name of ['First', 'Second', 'Third']) created.push(await createTeam(owner, name));
    await createTeam(stranger, 'Not yours');
  });

  it('lists only the caller’s teams, newest first, with the total', async () => {
    const res = await listTeams(owner);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      teams: ['Third', 'Second', 'First'].map((name) => ({
        id: created.find((team) => team.name === name)!.id,
        name,
        role: 'owner',
        createdAt: expect.stringMatching(isoUtc),
      })),
      total: 3,
    });
  });

  it.each([
    [{ limit: 2 }, ['Third', 'Second']],
    [{ limit: 2, offset: 2 }, ['First']],
    [{ offset: 3 }, []],
  ])('pages with %o', async (query, names) => {
    const res = await listTeams(owner, query);

    expect(res.status).toBe(200);
    expect(res.body.teams.map((team: { name: string }) => team.name)).toEqual(names);
    expect(res.body.total).toBe(3);
  });

  it('shows a team the caller was added to, with their role', async () => {
    const member = await signUp();
    await joinByInvitation(owner, created[0].id, member, 'member');

    const res = await listTeams(member);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      teams: [{ id: created[0].id, name: 'First', role: 'member', createdAt: expect.stringMatching(isoUtc) }],
      total: 1,
    });
  });

  it('is empty for a user with no team', async () => {
    const loner = await signUp();

    const res = await listTeams(loner);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ teams: [], total: 0 });
  });
});

describe('GET /api/billstack/teams/{teamId}', () => {
  it('returns the team with the caller’s role', async () => {
    const owner = await signUp();
    const team = await createTeam(owner, 'Acme');
    const admin = await signUp();
    await joinByInvitation(owner, team.id, admin, 'admin');

    const asOwner = await getTeam(owner, team.id);
    const asAdmin = await getTeam(admin, team.id);

    expect(asOwner.status).toBe(200);
    expect(asOwner.body).toEqual({ team: { id: team.id, name: 'Acme', role: 'owner', createdAt: expect.stringMatching(isoUtc) } });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toEqual({ team: { ...asOwner.body.team, role: 'admin' } });
  });

  it.each([
    ['a well-formed id that does not exist', 'team_doesNotExist0000000'],
    ['a malformed id', 'not-a-team-id'],
    ['a project id', 'proj_abc'],
  ])('is 404 for %s', async (_, id) => {
    const owner = await signUp();

    const res = await getTeam(owner, id);

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'Team not found', code: 'team_not_found' });
  });
});

describe('PATCH /api/billstack/teams/{teamId}', () => {
  let owner: TestUser;
  let admin: TestUser;
  let member: TestUser;
  let team: { id: string; name: string };

  beforeAll(async () => {
    [owner, admin, member] = await Promise.all([signUp(), signUp(), signUp()]);
    team = await createTeam(owner, 'Before');
    await joinByInvitation(owner, team.id, admin, 'admin');
    await joinByInvitation(owner, team.id, member, 'member');
  });

  function rename(as: TestUser, name: string) {
    return call(teamRoute.PATCH, teamPath(team.id), {
      method: 'PATCH',
      params: { teamId: team.id },
      body: { name },
      headers: as.headers,
    });
  }

  it.each([
    ['owner', () => owner],
    ['admin', () => admin],
  ] as const)('lets an %s rename the team', async (role, as) => {
    const res = await rename(as(), `  Renamed by ${role}  `);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      team: { id: team.id, name: `Renamed by ${role}`, role, createdAt: expect.stringMatching(isoUtc) },
    });
    expect((await getTeam(owner, team.id)).body.team.name).toBe(`Renamed by ${role}`);
  });

  it('refuses a plain member, leaving the name unchanged', async () => {
    const nameBefore = (await getTeam(owner, team.id)).body.team.name;

    const res = await rename(member, 'Hijacked');

    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'This action requires the owner or admin role', code: 'role_required' });
    expect((await getTeam(owner, team.id)).body.team.name).toBe(nameBefore);
  });
});

describe('DELETE /api/billstack/teams/{teamId}', () => {
  useStripeEmulator();

  function remove(as: TestUser, id: string) {
    return call(teamRoute.DELETE, teamPath(id), { method: 'DELETE', params: { teamId: id }, headers: as.headers });
  }

  it('lets only the owner delete the team, with its projects and its webhook endpoint in Stripe', async () => {
    const [owner, admin] = await Promise.all([signUp(), signUp()]);
    const team = await createTeam(owner, 'Doomed');
    await joinByInvitation(owner, team.id, admin, 'admin');
    const project = await createProject(owner, team.id);
    const { stripe } = await connectTeam(owner, team.id);
    expect((await stripe.webhookEndpoints.list()).data).toHaveLength(1);

    const refused = await remove(admin, team.id);
    expect(refused).toMatchObject({ status: 403, body: { error: 'This action requires the owner role' } });
    expect((await getTeam(owner, team.id)).status).toBe(200);

    const res = await remove(owner, team.id);
    expect(res).toMatchObject({ status: 200, body: { id: team.id, deleted: true } });
    expect(await getTeam(owner, team.id)).toMatchObject({ status: 404, body: { error: 'Team not found' } });
    expect((await listTeams(owner)).body.teams.map((one: { id: string }) => one.id)).not.toContain(team.id);
    const projectRes = await call(projectRoute.GET, `${teamPath(team.id)}/projects/${project.id}`, {
      params: { teamId: team.id, projectId: project.id },
      headers: owner.headers,
    });
    expect(projectRes.status).toBe(404);
    expect((await stripe.webhookEndpoints.list()).data).toEqual([]);
  });
});

describe('authentication on team endpoints', () => {
  const someTeam = 'team_aaaaaaaaaaaaaaaaaaaa';
  const someProject = 'proj_aaaaaaaaaaaaaaaaaaaa';
  // GET project also takes API keys, so its refusal names both ways in.
  const endpoints: [string, RouteHandler, CallOptions, string?][] = [
    ['POST /teams', teamsRoute.POST, { method: 'POST', body: { name: 'x' } }],
    ['GET /teams', teamsRoute.GET, {}],
    ['GET /teams/{id}', teamRoute.GET, { params: { teamId: someTeam } }],
    ['PATCH /teams/{id}', teamRoute.PATCH, { method: 'PATCH', params: { teamId: someTeam }, body: { name: 'x' } }],
    ['GET members', membersRoute.GET, { params: { teamId: someTeam } }],
    ['POST members', membersRoute.POST, { method: 'POST', params: { teamId: someTeam }, body: { email: 'a@b.co', role: 'member' } }],
    ['GET projects', projectsRoute.GET, { params: { teamId: someTeam } }],
    ['POST projects', projectsRoute.POST, { method: 'POST', params: { teamId: someTeam }, body: { name: 'x' } }],
    ['GET project', projectRoute.GET, { params: { teamId: someTeam, projectId: someProject } }, authenticationRequired],
    ['PATCH project', projectRoute.PATCH, { method: 'PATCH', params: { teamId: someTeam, projectId: someProject }, body: { name: 'x' } }],
    ['DELETE project', projectRoute.DELETE, { method: 'DELETE', params: { teamId: someTeam, projectId: someProject } }],
  ];

  it.each(endpoints)('%s without a session is 401', async (_, handler, options, error = sessionRequired) => {
    const res = await call(handler, '/api/billstack/teams', options);

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error, code: 'unauthorized' });
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it.each(endpoints)('%s with a forged session cookie is 401', async (_, handler, options, error = sessionRequired) => {
    const res = await call(handler, '/api/billstack/teams', {
      ...options,
      headers: { cookie: 'better-auth.session_token=forged.value' },
    });

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error, code: 'unauthorized' });
  });

  it('a session ended by signing out is refused', async () => {
    const user = await signUp();
    const team = await createTeam(user);
    const signOut = await (await getAuth()).api.signOut({ headers: new Headers(user.headers), asResponse: true });
    expect(signOut.status).toBe(200);

    const res = await getTeam(user, team.id);

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: sessionRequired, code: 'unauthorized' });
  });

  it('a bs_ API key cannot manage teams', async () => {
    const res = await call(teamsRoute.GET, '/api/billstack/teams', { headers: { authorization: 'Bearer bs_anything' } });

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: keyOnTeamEndpoint, code: 'api_key_not_allowed' });
  });

  it('a bad body from a caller without a session is 401, not 400', async () => {
    const res = await call(teamsRoute.POST, '/api/billstack/teams', {
      method: 'POST',
      rawBody: '{oops',
      headers: { 'content-type': 'application/json' },
    });

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: sessionRequired, code: 'unauthorized' });
  });
});

// Another team's resources do not exist for an outsider: every route under the team answers 404, and nothing changes.
describe('isolation between teams', () => {
  let owner: TestUser;
  let outsider: TestUser;
  let team: { id: string; name: string };
  let project: { id: string };

  beforeAll(async () => {
    [owner, outsider] = await Promise.all([signUp(), signUp()]);
    team = await createTeam(owner, 'Private');
    project = await createProject(owner, team.id, 'Secret');
    // The outsider is a real owner elsewhere: being an owner somewhere grants nothing here.
    await createTeam(outsider, 'Elsewhere');
  });

  const cases: [string, () => [RouteHandler, CallOptions]][] = [
    ['GET team', () => [teamRoute.GET, { params: { teamId: team.id } }]],
    ['PATCH team', () => [teamRoute.PATCH, { method: 'PATCH', params: { teamId: team.id }, body: { name: 'Mine now' } }]],
    ['GET members', () => [membersRoute.GET, { params: { teamId: team.id } }]],
    [
      'POST members',
      () => [membersRoute.POST, { method: 'POST', params: { teamId: team.id }, body: { email: outsider.email, role: 'owner' } }],
    ],
    ['GET projects', () => [projectsRoute.GET, { params: { teamId: team.id } }]],
    ['POST projects', () => [projectsRoute.POST, { method: 'POST', params: { teamId: team.id }, body: { name: 'Planted' } }]],
    ['GET project', () => [projectRoute.GET, { params: { teamId: team.id, projectId: project.id } }]],
    [
      'PATCH project',
      () => [projectRoute.PATCH, { method: 'PATCH', params: { teamId: team.id, projectId: project.id }, body: { name: 'Mine now' } }],
    ],
    ['DELETE project', () => [projectRoute.DELETE, { method: 'DELETE', params: { teamId: team.id, projectId: project.id } }]],
  ];

  it.each(cases)('%s by an outsider is 404 "Team not found"', async (_, build) => {
    const [handler, options] = build();

    const res = await call(handler, teamPath(team.id), { ...options, headers: outsider.headers });

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'Team not found', code: 'team_not_found' });
  });

  it('left the team, its members and its project untouched', async () => {
    const params = { teamId: team.id };
    const [teamRes, membersRes, projectsRes, outsiderTeams] = await Promise.all([
      getTeam(owner, team.id),
      call(membersRoute.GET, `${teamPath(team.id)}/members`, { params, headers: owner.headers }),
      call(projectsRoute.GET, `${teamPath(team.id)}/projects`, { params, headers: owner.headers }),
      listTeams(outsider),
    ]);

    expect(teamRes.body.team.name).toBe('Private');
    expect(membersRes.body.members.map((m: { email: string }) => m.email)).toEqual([owner.email]);
    expect(projectsRes.body).toEqual({
      projects: [{ id: project.id, teamId: team.id, name: 'Secret', allowedOrigins: [], createdAt: expect.stringMatching(isoUtc) }],
      total: 1,
    });
    expect(outsiderTeams.body.teams.map((t: { name: string }) => t.name)).toEqual(['Elsewhere']);
  });
});
