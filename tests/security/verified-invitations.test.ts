/**
 * Finding 1: invitations could be claimed by whoever registered the address first. Before the fix, sign-up
 * accepted every pending invitation for its address and adding an existing account made it a member at once;
 * these tests fail there. Now a member joins only by opening the single-use link mailed to the address, signed
 * in with that address verified.
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as teamsRoute from '@/app/api/billstack/teams/route';
import * as membersRoute from '@/app/api/billstack/teams/[teamId]/members/route';
import * as invitationsRoute from '@/app/api/billstack/teams/[teamId]/invitations/route';
import * as invitationRoute from '@/app/api/billstack/teams/[teamId]/invitations/[invitationId]/route';
import * as acceptRoute from '@/app/api/billstack/invitations/[token]/accept/route';
import { getDb } from '@/db/client';
import { teamInvitations } from '@/db/schema';
import { call } from '../helpers/http';
import { createTeam, invitationToken, joinByInvitation, signUp, uniqueEmail, verifyEmail, type TestUser } from '../helpers/fixtures';

const anyTime = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

function invite(as: TestUser, teamId: string, email: string, role: 'owner' | 'admin' | 'member' = 'member') {
  return call(membersRoute.POST, `/api/billstack/teams/${teamId}/members`, {
    method: 'POST',
    params: { teamId },
    body: { email, role },
    headers: as.headers,
  });
}

function accept(as: TestUser | null, token: string) {
  return call(acceptRoute.POST, `/api/billstack/invitations/${token}/accept`, {
    method: 'POST',
    params: { token },
    headers: { ...as?.headers, 'content-type': 'application/json' },
  });
}

async function teamsOf(who: TestUser) {
  return (await call(teamsRoute.GET, '/api/billstack/teams', { headers: who.headers })).body;
}

describe('joining a team needs the mailed link and a verified address', () => {
  let owner: TestUser;
  let team: { id: string; name: string };

  beforeAll(async () => {
    owner = await signUp();
    team = await createTeam(owner, 'Guarded');
  });

  it('registering an invited address does not join the team', async () => {
    const email = uniqueEmail('squatter');
    expect((await invite(owner, team.id, email, 'admin')).status).toBe(201);

    const squatter = await signUp(email);

    expect(await teamsOf(squatter)).toEqual({ teams: [], total: 0 });
  });

  it('inviting an existing account does not make it a member', async () => {
    const colleague = await signUp();

    expect((await invite(owner, team.id, colleague.email)).status).toBe(201);

    expect(await teamsOf(colleague)).toEqual({ teams: [], total: 0 });
  });

  it('an unverified account holding the link is refused (403), then joins once verified', async () => {
    const invitee = await signUp();
    await invite(owner, team.id, invitee.email, 'admin');
    const token = invitationToken(invitee.email);

    const early = await accept(invitee, token);
    expect(early).toMatchObject({ status: 403, body: { error: 'Verify your email address before joining a team', code: 'forbidden' } });
    expect(await teamsOf(invitee)).toEqual({ teams: [], total: 0 });

    await verifyEmail(invitee);
    const res = await accept(invitee, token);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ team: { id: team.id, name: 'Guarded', role: 'admin', createdAt: anyTime } });
    expect(await teamsOf(invitee)).toEqual({ teams: [res.body.team], total: 1 });
  });

  it('a verified account of another address holding the link is refused (403)', async () => {
    const invited = uniqueEmail('invited');
    const other = await signUp();
    await verifyEmail(other);
    await invite(owner, team.id, invited);

    const res = await accept(other, invitationToken(invited));

    expect(res).toMatchObject({ status: 403, body: { error: 'This invitation was sent to another email address', code: 'forbidden' } });
    expect(await teamsOf(other)).toEqual({ teams: [], total: 0 });
  });

  it('a link works once: used again it is 410', async () => {
    const invitee = await signUp();
    await joinByInvitation(owner, team.id, invitee, 'member');

    const again = await accept(invitee, invitationToken(invitee.email));

    expect(again).toMatchObject({ status: 410, body: { error: 'This invitation has already been accepted', code: 'gone' } });
  });

  it('an expired link is 410 and joins nothing', async () => {
    const invitee = await signUp();
    await verifyEmail(invitee);
    const { body } = await invite(owner, team.id, invitee.email);
    const db = await getDb();
    await db.update(teamInvitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(teamInvitations.id, body.invitation.id));

    const res = await accept(invitee, invitationToken(invitee.email));

    expect(res).toMatchObject({ status: 410, body: { error: 'This invitation has expired', code: 'gone' } });
    expect(await teamsOf(invitee)).toEqual({ teams: [], total: 0 });
  });

  it('a revoked invitation is gone from the list and its link is 410', async () => {
    const invitee = await signUp();
    await verifyEmail(invitee);
    const { body } = await invite(owner, team.id, invitee.email);
    const path = `/api/billstack/teams/${team.id}/invitations`;

    const listed = await call(invitationsRoute.GET, path, { params: { teamId: team.id }, headers: owner.headers });
    expect(listed.body.invitations).toContainEqual(body.invitation);
    const revoked = await call(invitationRoute.DELETE, `${path}/${body.invitation.id}`, {
      method: 'DELETE',
      params: { teamId: team.id, invitationId: body.invitation.id },
      headers: owner.headers,
    });
    expect(revoked).toMatchObject({ status: 200, body: { id: body.invitation.id, deleted: true } });
    const after = await call(invitationsRoute.GET, path, { params: { teamId: team.id }, headers: owner.headers });
    expect(after.body.invitations).not.toContainEqual(expect.objectContaining({ id: body.invitation.id }));
    expect(after.body.total).toBe(listed.body.total - 1);

    const res = await accept(invitee, invitationToken(invitee.email));

    expect(res).toMatchObject({ status: 410, body: { error: 'This invitation has already been revoked', code: 'gone' } });
  });

  it('an unknown token is 404 and a signed-out caller 401', async () => {
    const invitee = await signUp();
    await invite(owner, team.id, invitee.email);

    expect(await accept(invitee, 'A'.repeat(43))).toMatchObject({ status: 404, body: { error: 'Invitation not found', code: 'invitation_not_found' } });
    expect((await accept(null, invitationToken(invitee.email))).status).toBe(401);
  });

  it('stores only the hash of the link token', async () => {
    const email = uniqueEmail('hashed');
    const { body } = await invite(owner, team.id, email);
    const token = invitationToken(email);
    const db = await getDb();

    const [row] = await db.select().from(teamInvitations).where(eq(teamInvitations.id, body.invitation.id));

    expect(row.tokenHash).toBe(crypto.createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('a plain member can neither list nor revoke invitations', async () => {
    const member = await signUp();
    await joinByInvitation(owner, team.id, member, 'member');
    const { body } = await invite(owner, team.id, uniqueEmail('x'));
    const path = `/api/billstack/teams/${team.id}/invitations`;

    const listed = await call(invitationsRoute.GET, path, { params: { teamId: team.id }, headers: member.headers });
    const revoked = await call(invitationRoute.DELETE, `${path}/${body.invitation.id}`, {
      method: 'DELETE',
      params: { teamId: team.id, invitationId: body.invitation.id },
      headers: member.headers,
    });

    expect([listed.status, revoked.status]).toEqual([403, 403]);
    expect(revoked.body).toEqual({ error: 'This action requires the owner or admin role', code: 'role_required' });
  });
});
