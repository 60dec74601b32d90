import { beforeAll, describe, expect, it } from 'vitest';
import * as teamsRoute from '@/app/api/billstack/teams/route';
import * as membersRoute from '@/app/api/billstack/teams/[teamId]/members/route';
import { call, type CallOptions } from '../helpers/http';
import { createTeam, signUp, uniqueEmail, type TestUser } from '../helpers/fixtures';

type Role = 'owner' | 'admin' | 'member';

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const memberId = expect.stringMatching(/^mem_[0-9a-zA-Z]{20}$/);
const invitationId = expect.stringMatching(/^inv_[0-9a-zA-Z]{20}$/);
const anyTime = expect.stringMatching(isoUtc);

const membersPath = (teamId: string) => `/api/billstack/teams/${teamId}/members`;

function addMember(as: TestUser, teamId: string, email: string, role: Role) {
  return call(membersRoute.POST, membersPath(teamId), {
    method: 'POST',
    params: { teamId },
    body: { email, role },
    headers: as.headers,
  });
}

function listMembers(as: TestUser, teamId: string, query: CallOptions['query'] = {}) {
  return call(membersRoute.GET, membersPath(teamId), { params: { teamId }, query, headers: as.headers });
}

function active(user: TestUser, role: Role) {
  return { id: memberId, userId: user.id, email: user.email, name: user.email.split('@')[0], role, status: 'active', createdAt: anyTime };
}

function invited(email: string, role: Role) {
  return { id: invitationId, userId: null, email, name: null, role, status: 'invited', createdAt: anyTime };
}

describe('GET /api/billstack/teams/{teamId}/members', () => {
  it('starts with the owner alone', async () => {
    const owner = await signUp();
    const team = await createTeam(owner);

    const res = await listMembers(owner, team.id);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ members: [active(owner, 'owner')], total: 1 });
  });

  it('lists members first, then invitations, each oldest first, and pages across both', async () => {
    const [owner, admin] = await Promise.all([signUp(), signUp()]);
    const team = await createTeam(owner);
    const [later1, later2] = [uniqueEmail('later1'), uniqueEmail('later2')];
    expect((await addMember(owner, team.id, later1, 'member')).status).toBe(201);
    expect((await addMember(owner, team.id, admin.email, 'admin')).status).toBe(201);
    expect((await addMember(owner, team.id, later2, 'admin')).status).toBe(201);
    const everyone = [active(owner, 'owner'), active(admin, 'admin'), invited(later1, 'member'), invited(later2, 'admin')];

    const all = await listMembers(owner, team.id);
    const pages = await Promise.all([0, 2, 4].map((offset) => listMembers(owner, team.id, { limit: 2, offset })));

    expect(all.status).toBe(200);
    expect(all.body).toEqual({ members: everyone, total: 4 });
    expect(pages.map((page) => page.body)).toEqual([
      { members: everyone.slice(0, 2), total: 4 },
      { members: everyone.slice(2, 4), total: 4 },
      { members: [], total: 4 },
    ]);
  });

  it('is readable by a plain member', async () => {
    const [owner, member] = await Promise.all([signUp(), signUp()]);
    const team = await createTeam(owner);
    await addMember(owner, team.id, member.email, 'member');

    const res = await listMembers(member, team.id);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ members: [active(owner, 'owner'), active(member, 'member')], total: 2 });
  });
});

describe('POST /api/billstack/teams/{teamId}/members', () => {
  it('adds an existing user at once', async () => {
    const [owner, colleague] = await Promise.all([signUp(), signUp()]);
    const team = await createTeam(owner, 'Shared');

    const res = await addMember(owner, team.id, colleague.email, 'member');

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ member: active(colleague, 'member') });
    const theirTeams = await call(teamsRoute.GET, '/api/billstack/teams', { headers: colleague.headers });
    expect(theirTeams.body).toEqual({ teams: [{ id: team.id, name: 'Shared', role: 'member', createdAt: anyTime }], total: 1 });
  });

  it('matches an existing user whatever the case and surrounding spaces of the email', async () => {
    const [owner, colleague] = await Promise.all([signUp(), signUp()]);
    const team = await createTeam(owner);

    const res = await addMember(owner, team.id, `  ${colleague.email.toUpperCase()} `, 'admin');

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ member: active(colleague, 'admin') });
  });

  it('records an invitation for an unknown email, which becomes a membership when that person signs up', async () => {
    const owner = await signUp();
    const team = await createTeam(owner, 'Inviting');
    const email = uniqueEmail('newcomer');

    const res = await addMember(owner, team.id, email.toUpperCase(), 'admin');

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ member: invited(email, 'admin') });
    expect((await listMembers(owner, team.id)).body).toEqual({ members: [active(owner, 'owner'), invited(email, 'admin')], total: 2 });

    const newcomer = await signUp(email);

    const theirTeams = await call(teamsRoute.GET, '/api/billstack/teams', { headers: newcomer.headers });
    expect(theirTeams.status).toBe(200);
    expect(theirTeams.body).toEqual({ teams: [{ id: team.id, name: 'Inviting', role: 'admin', createdAt: anyTime }], total: 1 });
    expect((await listMembers(owner, team.id)).body).toEqual({
      members: [active(owner, 'owner'), active(newcomer, 'admin')],
      total: 2,
    });
  });

  it('an invitation from each of two teams yields both memberships on sign-up', async () => {
    const [ownerA, ownerB] = await Promise.all([signUp(), signUp()]);
    const [teamA, teamB] = await Promise.all([createTeam(ownerA, 'A'), createTeam(ownerB, 'B')]);
    const email = uniqueEmail('popular');
    expect((await addMember(ownerA, teamA.id, email, 'member')).status).toBe(201);
    expect((await addMember(ownerB, teamB.id, email, 'admin')).status).toBe(201);

    const newcomer = await signUp(email);

    const theirTeams = await call(teamsRoute.GET, '/api/billstack/teams', { headers: newcomer.headers });
    expect(theirTeams.body.total).toBe(2);
    expect(theirTeams.body.teams.map((t: { id: string; role: Role }) => [t.id, t.role]).sort()).toEqual(
      [
        [teamA.id, 'member'],
        [teamB.id, 'admin'],
      ].sort(),
    );
  });

  describe('adding the same person twice is 409 and changes nothing', () => {
    let owner: TestUser;
    let colleague: TestUser;
    let team: { id: string };
    const pending = uniqueEmail('pending');

    beforeAll(async () => {
      [owner, colleague] = await Promise.all([signUp(), signUp()]);
      team = await createTeam(owner);
      expect((await addMember(owner, team.id, colleague.email, 'member')).status).toBe(201);
      expect((await addMember(owner, team.id, pending, 'member')).status).toBe(201);
    });

    it.each([
      ['an existing member, same role', () => colleague.email, 'member', () => `${colleague.email} is already a member of this team`],
      ['an existing member, another role', () => colleague.email, 'admin', () => `${colleague.email} is already a member of this team`],
      ['an existing member, in capitals', () => colleague.email.toUpperCase(), 'member', () => `${colleague.email} is already a member of this team`],
      ['the owner themself', () => owner.email, 'member', () => `${owner.email} is already a member of this team`],
      ['a pending invitation', () => pending, 'member', () => `${pending} is already invited to this team`],
      ['a pending invitation, in capitals, another role', () => pending.toUpperCase(), 'admin', () => `${pending} is already invited to this team`],
    ] as const)('%s', async (_, email, role, message) => {
      const before = await listMembers(owner, team.id);

      const res = await addMember(owner, team.id, email(), role);

      expect(res.status).toBe(409);
      expect(res.body).toEqual({ error: message() });
      expect((await listMembers(owner, team.id)).body).toEqual(before.body);
    });
  });

  describe('who may add whom', () => {
    let owner: TestUser;
    let admin: TestUser;
    let member: TestUser;
    let team: { id: string };

    beforeAll(async () => {
      [owner, admin, member] = await Promise.all([signUp(), signUp(), signUp()]);
      team = await createTeam(owner);
      expect((await addMember(owner, team.id, admin.email, 'admin')).status).toBe(201);
      expect((await addMember(owner, team.id, member.email, 'member')).status).toBe(201);
    });

    it.each([
      ['owner', 'owner'],
      ['owner', 'admin'],
      ['admin', 'admin'],
      ['admin', 'member'],
    ] as const)('an %s may add an %s', async (by, role) => {
      const as = { owner, admin }[by];
      const [existing, unknown] = [await signUp(), uniqueEmail('invitee')];

      const added = await addMember(as, team.id, existing.email, role);
      const invitation = await addMember(as, team.id, unknown, role);

      expect(added).toMatchObject({ status: 201, body: { member: active(existing, role) } });
      expect(invitation).toMatchObject({ status: 201, body: { member: invited(unknown, role) } });
    });

    it.each([
      ['an admin adding an owner (existing user)', () => admin, 'owner', true, 'Only a team owner can add an owner'],
      ['an admin adding an owner (invitation)', () => admin, 'owner', false, 'Only a team owner can add an owner'],
      ['a member adding a member (existing user)', () => member, 'member', true, 'This action requires the owner or admin role'],
      ['a member adding a member (invitation)', () => member, 'member', false, 'This action requires the owner or admin role'],
      ['a member adding an owner', () => member, 'owner', true, 'This action requires the owner or admin role'],
    ] as const)('%s is 403 and changes nothing', async (_, as, role, existingUser, message) => {
      const email = existingUser ? (await signUp()).email : uniqueEmail('invitee');
      const before = await listMembers(owner, team.id);

      const res = await addMember(as(), team.id, email, role);

      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: message });
      expect((await listMembers(owner, team.id)).body).toEqual(before.body);
    });
  });
});
