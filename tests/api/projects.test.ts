import { beforeAll, describe, expect, it } from 'vitest';
import * as projectsRoute from '@/app/api/billstack/teams/[teamId]/projects/route';
import * as projectRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/route';
import { call, type CallOptions } from '../helpers/http';
import { createProject, createTeam, joinByInvitation, signUp, type TestUser } from '../helpers/fixtures';

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const projectsPath = (teamId: string) => `/api/billstack/teams/${teamId}/projects`;

function listProjects(as: TestUser, teamId: string, query: CallOptions['query'] = {}) {
  return call(projectsRoute.GET, projectsPath(teamId), { params: { teamId }, query, headers: as.headers });
}

function getProject(as: TestUser, teamId: string, projectId: string) {
  return call(projectRoute.GET, `${projectsPath(teamId)}/${projectId}`, { params: { teamId, projectId }, headers: as.headers });
}

function renameProject(as: TestUser, teamId: string, projectId: string, name: string) {
  return call(projectRoute.PATCH, `${projectsPath(teamId)}/${projectId}`, {
    method: 'PATCH',
    params: { teamId, projectId },
    body: { name },
    headers: as.headers,
  });
}

function deleteProject(as: TestUser, teamId: string, projectId: string) {
  return call(projectRoute.DELETE, `${projectsPath(teamId)}/${projectId}`, {
    method: 'DELETE',
    params: { teamId, projectId },
    headers: as.headers,
  });
}


describe('POST /api/billstack/teams/{teamId}/projects', () => {
  it('creates a project in the team', async () => {
    const owner = await signUp();
    const team = await createTeam(owner);
    const before = Date.now();

    const res = await call(projectsRoute.POST, projectsPath(team.id), {
      method: 'POST',
      params: { teamId: team.id },
      body: { name: ' Storefront ' },
      headers: owner.headers,
    });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      project: {
        id: expect.stringMatching(/^proj_[0-9a-zA-Z]{20}$/),
        teamId: team.id,
        name: 'Storefront',
        allowedOrigins: [],
        createdAt: expect.stringMatching(isoUtc),
      },
    });
    expect(Math.abs(Date.parse(res.body.project.createdAt) - before)).toBeLessThan(60_000);
    expect(await getProject(owner, team.id, res.body.project.id)).toMatchObject({ status: 200, body: res.body });
  });
});

describe('GET /api/billstack/teams/{teamId}/projects', () => {
  let owner: TestUser;
  let team: { id: string };
  let made: { id: string }[];

  beforeAll(async () => {
    owner = await signUp();
    team = await createTeam(owner);
    const otherTeam = await createTeam(owner, 'Other');
    made = [];
    for (let i = 1; i <= 5; i++) made.push(await createProject(owner, team.id, `P${i}`));
    await createProject(owner, otherTeam.id, 'Elsewhere');
  });

  it('lists the team’s projects newest first, 50 per page by default', async () => {
    const res = await listProjects(owner, team.id);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      projects: [5, 4, 3, 2, 1].map((i) => ({
        id: made[i - 1].id,
        teamId: team.id,
        name: `P${i}`,
        allowedOrigins: [],
        createdAt: expect.stringMatching(isoUtc),
      })),
      total: 5,
    });
  });

  it('pages through every project exactly once', async () => {
    const pages = await Promise.all([0, 2, 4, 6].map((offset) => listProjects(owner, team.id, { limit: 2, offset })));

    expect(pages.map((page) => page.status)).toEqual([200, 200, 200, 200]);
    expect(pages.map((page) => page.body.total)).toEqual([5, 5, 5, 5]);
    expect(pages.map((page) => page.body.projects.map((p: { name: string }) => p.name))).toEqual([
      ['P5', 'P4'],
      ['P3', 'P2'],
      ['P1'],
      [],
    ]);
  });

  it('takes the largest page, 100', async () => {
    const res = await listProjects(owner, team.id, { limit: 100 });

    expect(res.status).toBe(200);
    expect(res.body.projects).toHaveLength(5);
  });
});

describe('one project: GET, PATCH, DELETE', () => {
  let owner: TestUser;
  let admin: TestUser;
  let member: TestUser;
  let team: { id: string };

  beforeAll(async () => {
    [owner, admin, member] = await Promise.all([signUp(), signUp(), signUp()]);
    team = await createTeam(owner);
    await joinByInvitation(owner, team.id, admin, 'admin');
    await joinByInvitation(owner, team.id, member, 'member');
  });

  it('an admin creates a project', async () => {
    const res = await call(projectsRoute.POST, projectsPath(team.id), {
      method: 'POST',
      params: { teamId: team.id },
      body: { name: 'By admin' },
      headers: admin.headers,
    });

    expect(res.status).toBe(201);
    expect(res.body.project).toMatchObject({ teamId: team.id, name: 'By admin' });
    expect((await getProject(owner, team.id, res.body.project.id)).status).toBe(200);
  });

  it.each([
    ['owner', () => owner],
    ['admin', () => admin],
  ])('an %s renames a project', async (role, as) => {
    const project = await createProject(owner, team.id, 'Old');

    const res = await renameProject(as(), team.id, project.id, `New by ${role}`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      project: { id: project.id, teamId: team.id, name: `New by ${role}`, allowedOrigins: [], createdAt: expect.stringMatching(isoUtc) },
    });
    expect((await getProject(owner, team.id, project.id)).body.project.name).toBe(`New by ${role}`);
  });

  it.each([
    ['owner', () => owner],
    ['admin', () => admin],
  ])('an %s deletes a project; afterwards it is gone everywhere', async (_, as) => {
    const project = await createProject(owner, team.id, 'Doomed');
    const totalBefore = (await listProjects(owner, team.id)).body.total;

    const res = await deleteProject(as(), team.id, project.id);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: project.id, deleted: true });
    const gone = { status: 404, body: { error: 'Project not found', code: 'project_not_found' } };
    expect(await getProject(owner, team.id, project.id)).toMatchObject(gone);
    expect(await renameProject(owner, team.id, project.id, 'Back')).toMatchObject(gone);
    expect(await deleteProject(owner, team.id, project.id)).toMatchObject(gone);
    expect((await listProjects(owner, team.id)).body.total).toBe(totalBefore - 1);
  });

  it('a plain member can read projects', async () => {
    const project = await createProject(owner, team.id, 'Readable');

    const one = await getProject(member, team.id, project.id);
    const list = await listProjects(member, team.id);

    expect(one.status).toBe(200);
    expect(one.body.project).toEqual({ id: project.id, teamId: team.id, name: 'Readable', allowedOrigins: [], createdAt: expect.stringMatching(isoUtc) });
    expect(list.status).toBe(200);
    expect(list.body.projects.map((p: { id: string }) => p.id)).toContain(project.id);
  });

  it('a plain member cannot create, rename or delete projects, and nothing changes', async () => {
    const project = await createProject(owner, team.id, 'Guarded');
    const before = await listProjects(owner, team.id);
    const forbidden = { status: 403, body: { error: 'This action requires the owner or admin role', code: 'role_required' } };

    const create = await call(projectsRoute.POST, projectsPath(team.id), {
      method: 'POST',
      params: { teamId: team.id },
      body: { name: 'Sneaky' },
      headers: member.headers,
    });

    expect(create).toMatchObject(forbidden);
    expect(await renameProject(member, team.id, project.id, 'Sneaky')).toMatchObject(forbidden);
    expect(await deleteProject(member, team.id, project.id)).toMatchObject(forbidden);
    expect((await listProjects(owner, team.id)).body).toEqual(before.body);
  });

  it.each([
    ['a malformed id', 'not-a-project'],
    ['a well-formed id that does not exist', 'proj_doesNotExist000000'],
    ['a team id', 'team_abc'],
  ])('%s is 404 for GET, PATCH and DELETE', async (_, projectId) => {
    const notFound = { status: 404, body: { error: 'Project not found', code: 'project_not_found' } };

    expect(await getProject(owner, team.id, projectId)).toMatchObject(notFound);
    expect(await renameProject(owner, team.id, projectId, 'x')).toMatchObject(notFound);
    expect(await deleteProject(owner, team.id, projectId)).toMatchObject(notFound);
  });
});

describe('a project of another team, used under this team’s path', () => {
  it('is 404 even when the caller owns both teams, and is left untouched', async () => {
    const owner = await signUp();
    const [teamA, teamB] = [await createTeam(owner, 'A'), await createTeam(owner, 'B')];
    const projectOfB = await createProject(owner, teamB.id, 'Of B');
    const notFound = { status: 404, body: { error: 'Project not found', code: 'project_not_found' } };

    expect(await getProject(owner, teamA.id, projectOfB.id)).toMatchObject(notFound);
    expect(await renameProject(owner, teamA.id, projectOfB.id, 'Moved')).toMatchObject(notFound);
    expect(await deleteProject(owner, teamA.id, projectOfB.id)).toMatchObject(notFound);

    const stillThere = await getProject(owner, teamB.id, projectOfB.id);
    expect(stillThere.status).toBe(200);
    expect(stillThere.body.project).toMatchObject({ id: projectOfB.id, teamId: teamB.id, name: 'Of B' });
    expect((await listProjects(owner, teamA.id)).body).toEqual({ projects: [], total: 0 });
  });
});
