import { beforeAll, describe, expect, it } from 'vitest';
import * as teamsRoute from '@/app/api/billstack/teams/route';
import * as membersRoute from '@/app/api/billstack/teams/[teamId]/members/route';
import { call, type CallOptions } from '../helpers/http';
import { createTeam, joinByInvitation, signUp, uniqueEmail, type TestUser } from '../helpers/fixtures';
import { readOutbox } from '../helpers/mail';

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
  return { id: memberId, userId: user.id, email: user.email, name: user.email.split('@')[0], role, createdAt: anyTime };
}

function invitation(email: string, role: Role) {
  return { invitation: { id: invitationId, email, role, status: 'pending', expiresAt: anyTime, createdAt: anyTime } };
}

describe('GET /api/billstack/teams/{teamId}/members', () => {
  it('starts with the owner alone', async () => {
    const owner = await signUp();
    const team = await createTeam(owner);

    const res = await listMembers(owner, team.id);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ members: [active(owner, 'owner')], total: 1 });
  });

  it('lists members oldest first, pages them, and leaves pending invitations out', async () => {
    const [owner, admin, member] = await Promise.all([signUp(), signUp(), signUp()]);
    const team = await createTeam(owner);
    await joinByInvitation(owner, team.id, admin, 'admin');
    await joinByInvitation(owner, team.id, member, 'member');
    expect((await addMember(owner, team.id, uniqueEmail('later'), 'member')).status).toBe(201);
    const everyone = [active(owner, 'owner'), active(admin, 'admin'), active(member, 'member')];

    const all = await listMembers(owner, team.id);
    const pages = await Promise.all([0, 2, 4].map((offset) => listMembers(owner, team.id, { limit: 2, offset })));

    expect(all.status).toBe(200);
    expect(all.body).toEqual({ members: everyone, total: 3 });
    expect(pages.map((page) => page.body)).toEqual([
      { members: everyone.slice(0, 2), total: 3 },
      { members: everyone.slice(2, 3), total: 3 },
      { members: [], total: 3 },
    ]);
  });

  it('is readable by a plain member', async () => {
    const [owner, member] = await Promise.all([signUp(), signUp()]);
    const team = await createTeam(owner);
    await joinByInvitation(owner, team.id, member, 'member');

    const res = await listMembers(member, team.id);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ members: [active(owner, 'owner'), active(member, 'member')], total: 2 });
  });
});

describe('POST /api/billstack/teams/{teamId}/members', () => {
  it('invites an existing account without adding it, and mails it the link', async () => {
    const [owner, colleague] = await Promise.all([signUp(), signUp()]);
    const team = await createTeam(owner, 'Shared');

    const res = await addMember(owner, team.id, colleague.email, 'member');

    expect(res.status).toBe(201);
    expect(res.body).toEqual(invitation(colleague.email, 'member'));
    const theirTeams = await call(teamsRoute.GET, '/api/billstack/teams', { headers: colleague.headers });
    expect(theirTeams.body).toEqual({ teams: [], total: 0 });
    const mails = readOutbox(colleague.email).filter((mail) => mail.subject.includes('invited'));
    expect(mails.map(({ subject, links }) => ({ subject, links: links.length }))).toEqual([
      { subject: 'You are invited to join Shared on BillStack', links: 1 },
    ]);
    expect(mails[0].links[0]).toMatch(/^http:\/\/localhost:3000\/invitations\/[0-9A-Za-z]{43}$/);
  });

  it('answers an unknown address exactly as an existing one (no account enumeration)', async () => {
    const [owner, colleague] = await Promise.all([signUp(), signUp()]);
    const team = await createTeam(owner);
    const unknown = uniqueEmail('nobody');

    const [known, stranger] = [await addMember(owner, team.id, colleague.email, 'admin'), await addMember(owner, team.id, unknown, 'admin')];

    expect([known.status, stranger.status]).toEqual([201, 201]);
    expect(Object.keys(known.body.invitation)).toEqual(Object.keys(stranger.body.invitation));
    expect(stranger.body).toEqual(invitation(unknown, 'admin'));
  });

  it('normalises the address: capitals and surrounding spaces', async () => {
    const owner = await signUp();
    const team = await createTeam(owner);
    const email = uniqueEmail('shouty');

    const res = await addMember(owner, team.id, `  ${email.toUpperCase()} `, 'admin');

    expect(res.status).toBe(201);
    expect(res.body).toEqual(invitation(email, 'admin'));
  });

  it('inviting a pending address again renews its one invitation with a new link and role', async () => {
    const owner = await signUp();
    const team = await createTeam(owner);
    const email = uniqueEmail('again');

    const first = await addMember(owner, team.id, email, 'member');
    const second = await addMember(owner, team.id, email.toUpperCase(), 'admin');

    expect(second.status).toBe(201);
    expect(second.body).toEqual(invitation(email, 'admin'));
    expect(second.body.invitation.id).toBe(first.body.invitation.id);
    const links = readOutbox(email).flatMap((mail) => mail.links);
    expect(links).toHaveLength(2);
    expect(links[0]).not.toBe(links[1]);
  });

  describe('inviting a member of the team is 409 and changes nothing', () => {
    let owner: TestUser;
    let colleague: TestUser;
    let team: { id: string };

    beforeAll(async () => {
      [owner, colleague] = await Promise.all([signUp(), signUp()]);
      team = await createTeam(owner);
      await joinByInvitation(owner, team.id, colleague, 'member');
    });

    it.each([
      ['an existing member, same role', () => colleague.email, 'member', () => `${colleague.email} is already a member of this team`],
      ['an existing member, another role', () => colleague.email, 'admin', () => `${colleague.email} is already a member of this team`],
      ['an existing member, in capitals', () => colleague.email.toUpperCase(), 'member', () => `${colleague.email} is already a member of this team`],
      ['the owner themself', () => owner.email, 'member', () => `${owner.email} is already a member of this team`],
    ] as const)('%s', async (_, email, role, message) => {
      const before = await listMembers(owner, team.id);

      const res = await addMember(owner, team.id, email(), role);

      expect(res.status).toBe(409);
      expect(res.body).toEqual({ error: message(), code: 'already_member' });
      expect((await listMembers(owner, team.id)).body).toEqual(before.body);
    });
  });

  describe('who may invite whom', () => {
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

    it.each([
      ['owner', 'owner'],
      ['owner', 'admin'],
      ['admin', 'admin'],
      ['admin', 'member'],
    ] as const)('an %s may invite an %s', async (by, role) => {
      const as = { owner, admin }[by];
      const email = uniqueEmail('invitee');

      const res = await addMember(as, team.id, email, role);

      expect(res.status).toBe(201);
      expect(res.body).toEqual(invitation(email, role));
    });

    it.each([
      ['an admin inviting an owner', () => admin, 'owner', 'Only a team owner can invite an owner'],
      ['a member inviting a member', () => member, 'member', 'This action requires the owner or admin role'],
      ['a member inviting an owner', () => member, 'owner', 'This action requires the owner or admin role'],
    ] as const)('%s is 403 and mails nothing', async (_, as, role, message) => {
      const email = uniqueEmail('invitee');

      const res = await addMember(as(), team.id, email, role);

      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: message, code: 'role_required' });
      expect(readOutbox(email)).toEqual([]);
    });
  });
});
