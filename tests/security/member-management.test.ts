/**
 * Finding 4: members could be neither removed nor given another role. PATCH and DELETE
 * /api/billstack/teams/{teamId}/members/{userId} now exist for owners and admins; an admin cannot touch an owner
 * (403), the last owner can be neither demoted nor removed (409), and a removed member's session loses the team
 * on its very next request. Before the change the route did not exist, so every case here failed.
 */
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as teamRoute from '@/app/api/billstack/teams/[teamId]/route';
import * as memberRoute from '@/app/api/billstack/teams/[teamId]/members/[userId]/route';
import * as projectRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/route';
import { getDb } from '@/db/client';
import { auditEvents, teamMembers, type TeamRole } from '@/db/schema';
import { call } from '../helpers/http';
import { createProject, createTeam, signUp, type TestUser } from '../helpers/fixtures';
import { joinTeam } from '../helpers/members';

const memberPath = (teamId: string, userId: string) => `/api/billstack/teams/${teamId}/members/${userId}`;

function changeRole(as: TestUser, teamId: string, userId: string, role: TeamRole) {
  return call(memberRoute.PATCH, memberPath(teamId, userId), { method: 'PATCH', params: { teamId, userId }, body: { role }, headers: as.headers });
}

function remove(as: TestUser, teamId: string, userId: string) {
  return call(memberRoute.DELETE, memberPath(teamId, userId), { method: 'DELETE', params: { teamId, userId }, headers: as.headers });
}

async function roleOf(teamId: string, user: TestUser): Promise<TeamRole | null> {
  const db = await getDb();
  const [row] = await db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, user.id)));
  return row?.role ?? null;
}

let owner: TestUser;
let admin: TestUser;
let member: TestUser;
let team: { id: string };

beforeEach(async () => {
  [owner, admin, member] = await Promise.all([signUp(), signUp(), signUp()]);
  team = await createTeam(owner);
  await joinTeam(admin, team.id, 'admin');
  await joinTeam(member, team.id, 'member');
});

describe('PATCH /api/billstack/teams/{teamId}/members/{userId}', () => {
  it('lets an admin make a member an admin, and records who did it', async () => {
    const res = await changeRole(admin, team.id, member.id, 'admin');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      member: {
        id: expect.stringMatching(/^mem_/),
        userId: member.id,
        email: member.email,
        name: member.email.split('@')[0],
        role: 'admin',
        createdAt: expect.stringMatching(/Z$/),
      },
    });
    expect(await roleOf(team.id, member)).toBe('admin');
    const db = await getDb();
    const events = await db.select().from(auditEvents).where(eq(auditEvents.teamId, team.id));
    expect(events.map((event) => [event.actorId, event.action, event.targetType, event.targetId])).toEqual([
      [admin.id, 'member.role_changed', 'user', member.id],
    ]);
  });

  it('lets an owner make another owner, who may then demote the first', async () => {
    expect((await changeRole(owner, team.id, admin.id, 'owner')).status).toBe(200);
    const res = await changeRole(admin, team.id, owner.id, 'member');
    expect(res.status).toBe(200);
    expect(await roleOf(team.id, owner)).toBe('member');
  });

  it.each([
    ['a member changing a role', () => member, () => admin, 'member' as const, 'This action requires the owner or admin role'],
    ['an admin demoting an owner', () => admin, () => owner, 'member' as const, 'Only a team owner can change or remove an owner'],
    ['an admin making an owner', () => admin, () => member, 'owner' as const, 'Only a team owner can make an owner'],
  ])('%s is 403 and changes nothing', async (_, as, target, role, message) => {
    const before = await roleOf(team.id, target());
    const res = await changeRole(as(), team.id, target().id, role);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: message, code: 'role_required' });
    expect(await roleOf(team.id, target())).toBe(before);
  });

  it('refuses to demote the last owner: 409', async () => {
    const res = await changeRole(owner, team.id, owner.id, 'admin');
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ error: 'The last owner of a team cannot be demoted', code: 'last_owner' });
    expect(await roleOf(team.id, owner)).toBe('owner');
  });

  it('leaves one owner when two owners demote each other at once', async () => {
    await changeRole(owner, team.id, admin.id, 'owner');
    const results = await Promise.all([changeRole(owner, team.id, admin.id, 'member'), changeRole(admin, team.id, owner.id, 'member')]);
    // The loser is refused either as the last owner's demotion (409) or, when its request starts after the
    // winner's commit, as a member no longer allowed to change roles (403).
    const statuses = results.map((res) => res.status).sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    expect([await roleOf(team.id, owner), await roleOf(team.id, admin)].filter((role) => role === 'owner')).toHaveLength(1);
  });

  it('is 404 for a user who is not in the team, and 400 for an unknown role or field', async () => {
    const stranger = await signUp();
    expect(await changeRole(owner, team.id, stranger.id, 'admin')).toMatchObject({ status: 404, body: { error: 'Member not found', code: 'member_not_found' } });
    const badRole = await call(memberRoute.PATCH, memberPath(team.id, member.id), {
      method: 'PATCH',
      params: { teamId: team.id, userId: member.id },
      body: { role: 'member', extra: 1 },
      headers: owner.headers,
    });
    expect(badRole).toMatchObject({ status: 400, body: { error: 'Unknown field "extra" in body', code: 'validation_error', field: 'extra' } });
  });
});

describe('DELETE /api/billstack/teams/{teamId}/members/{userId}', () => {
  it('removes a member, whose session loses the team and its projects on the next request', async () => {
    const project = await createProject(owner, team.id);
    const readTeam = () => call(teamRoute.GET, `/api/billstack/teams/${team.id}`, { params: { teamId: team.id }, headers: member.headers });
    const readProject = () =>
      call(projectRoute.GET, `/api/billstack/teams/${team.id}/projects/${project.id}`, {
        params: { teamId: team.id, projectId: project.id },
        headers: member.headers,
      });
    expect((await readTeam()).status).toBe(200);
    expect((await readProject()).status).toBe(200);

    const res = await remove(admin, team.id, member.id);

    expect(res).toMatchObject({ status: 200, body: { userId: member.id, deleted: true } });
    expect(await readTeam()).toMatchObject({ status: 404, body: { error: 'Team not found', code: 'team_not_found' } });
    expect(await readProject()).toMatchObject({ status: 404, body: { error: 'Team not found', code: 'team_not_found' } });
    expect(await remove(admin, team.id, member.id)).toMatchObject({ status: 404, body: { error: 'Member not found', code: 'member_not_found' } });
  });

  it('refuses an admin removing an owner (403) and the last owner removing themself (409)', async () => {
    expect(await remove(admin, team.id, owner.id)).toMatchObject({ status: 403, body: { error: 'Only a team owner can change or remove an owner', code: 'role_required' } });
    expect(await remove(owner, team.id, owner.id)).toMatchObject({ status: 409, body: { error: 'The last owner of a team cannot be removed', code: 'last_owner' } });
    expect(await remove(member, team.id, admin.id)).toMatchObject({ status: 403, body: { error: 'This action requires the owner or admin role', code: 'role_required' } });
    expect([await roleOf(team.id, owner), await roleOf(team.id, admin)]).toEqual(['owner', 'admin']);
  });

  it('cannot reach a member of another team', async () => {
    const otherOwner = await signUp();
    const other = await createTeam(otherOwner);
    expect(await remove(owner, other.id, otherOwner.id)).toMatchObject({ status: 404, body: { error: 'Team not found', code: 'team_not_found' } });
    expect(await remove(owner, team.id, otherOwner.id)).toMatchObject({ status: 404, body: { error: 'Member not found', code: 'member_not_found' } });
  });
});
