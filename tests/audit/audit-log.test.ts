import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as memberRoute from '@/app/api/billstack/teams/[teamId]/members/[userId]/route';
import { getDb } from '@/db/client';
import { teamMembers } from '@/db/schema';
import * as auditLogRoute from '@/app/api/billstack/teams/[teamId]/audit-log/route';
import * as apiKeysRoute from '@/app/api/billstack/teams/[teamId]/api-keys/route';
import * as apiKeyRoute from '@/app/api/billstack/teams/[teamId]/api-keys/[keyId]/route';
import * as stripeRoute from '@/app/api/billstack/teams/[teamId]/stripe/route';
import { call, type CallOptions } from '../helpers/http';
import { createTeam, signUp, type TestUser } from '../helpers/fixtures';
import { joinTeam } from '../helpers/members';
import { connectTeam, useStripeEmulator } from '../helpers/stripe';

useStripeEmulator();

const eventId = expect.stringMatching(/^aud_[0-9a-zA-Z]{20}$/);
const isoUtc = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

function auditLog(as: TestUser, teamId: string, query: CallOptions['query'] = {}) {
  return call(auditLogRoute.GET, `/api/billstack/teams/${teamId}/audit-log`, { params: { teamId }, query, headers: as.headers });
}

let owner: TestUser;
let admin: TestUser;
let member: TestUser;
let team: { id: string };
let keyId: string;
let accountId: string;
const requestIds: Record<string, string> = {};
let createdAt: string;

beforeAll(async () => {
  [owner, admin, member] = await Promise.all([signUp(), signUp(), signUp()]);
  team = await createTeam(owner);
  await joinTeam(admin, team.id, 'admin');
  await joinTeam(member, team.id, 'member');
  const created = await call(apiKeysRoute.POST, `/api/billstack/teams/${team.id}/api-keys`, {
    method: 'POST',
    params: { teamId: team.id },
    body: { name: 'CI deploys', projectIds: 'all', scopes: ['*'] },
    headers: { ...owner.headers, 'x-request-id': 'req-create-key', 'x-forwarded-for': '203.0.113.7' },
  });
  keyId = created.body.apiKey.id;
  requestIds.created = created.headers.get('x-request-id')!;
  createdAt = (await auditLog(owner, team.id)).body.events[0].at;
  const revoked = await call(apiKeyRoute.DELETE, `/api/billstack/teams/${team.id}/api-keys/${keyId}`, {
    method: 'DELETE',
    params: { teamId: team.id, keyId },
    headers: admin.headers,
  });
  requestIds.revoked = revoked.headers.get('x-request-id')!;
  const { stripe } = await connectTeam(admin, team.id);
  accountId = (await stripe.accounts.retrieveCurrent()).id;
  await call(stripeRoute.DELETE, `/api/billstack/teams/${team.id}/stripe`, { method: 'DELETE', params: { teamId: team.id }, headers: owner.headers });
});

describe('GET /api/billstack/teams/{teamId}/audit-log', () => {
  it('lists every change newest first, with actor, target, request id and IP', async () => {
    const res = await auditLog(owner, team.id);

    expect(res.status).toBe(200);
    const ownerActor = { type: 'user', id: owner.id, label: owner.email };
    const adminActor = { type: 'user', id: admin.id, label: admin.email };
    expect(res.body).toEqual({
      events: [
        { id: eventId, at: isoUtc, actor: ownerActor, action: 'stripe.disconnected', target: { type: 'stripeAccount', id: accountId }, requestId: expect.stringMatching(/^req_/), ip: 'unknown' },
        { id: eventId, at: isoUtc, actor: adminActor, action: 'stripe.connected', target: { type: 'stripeAccount', id: accountId }, requestId: expect.stringMatching(/^req_/), ip: 'unknown' },
        { id: eventId, at: isoUtc, actor: adminActor, action: 'api_key.revoked', target: { type: 'apiKey', id: keyId }, requestId: requestIds.revoked, ip: 'unknown' },
        { id: eventId, at: createdAt, actor: ownerActor, action: 'api_key.created', target: { type: 'apiKey', id: keyId }, requestId: 'req-create-key', ip: '203.0.113.7' },
      ],
      total: 4,
    });
    expect(requestIds.created).toBe('req-create-key');
  });

  it('filters by actor and action, and pages with the total of the filter', async () => {
    const byAdmin = await auditLog(owner, team.id, { actor: admin.id });
    expect(byAdmin.body.events.map((event: { action: string }) => event.action)).toEqual(['stripe.connected', 'api_key.revoked']);
    expect(byAdmin.body.total).toBe(2);

    const created = await auditLog(owner, team.id, { action: 'api_key.created' });
    expect(created.body.events.map((event: { target: { id: string } }) => event.target.id)).toEqual([keyId]);

    const second = await auditLog(owner, team.id, { limit: 1, offset: 1 });
    expect(second.body.events.map((event: { action: string }) => event.action)).toEqual(['stripe.connected']);
    expect(second.body.total).toBe(4);
  });

  it('filters by time: from is inclusive, to exclusive', async () => {
    const atCreation = await auditLog(owner, team.id, { from: createdAt, to: createdAt });
    expect(atCreation.body).toEqual({ events: [], total: 0 });
    const until = new Date(new Date(createdAt).getTime() + 1).toISOString();
    const first = await auditLog(owner, team.id, { from: createdAt, to: until });
    expect(first.body.events.map((event: { action: string }) => event.action)).toEqual(['api_key.created']);
    const after = await auditLog(owner, team.id, { from: until });
    expect(after.body.total).toBe(3);
  });

  it('is for owners and admins of the team only', async () => {
    expect(await auditLog(admin, team.id)).toMatchObject({ status: 200, body: { total: 4 } });
    expect(await auditLog(member, team.id)).toEqual(
      expect.objectContaining({ status: 403, body: { error: 'This action requires the owner or admin role', code: 'role_required' } }),
    );
    const stranger = await signUp();
    expect(await auditLog(stranger, team.id)).toEqual(expect.objectContaining({ status: 404, body: { error: 'Team not found', code: 'team_not_found' } }));
  });

  it('refuses unknown filters and malformed values', async () => {
    expect((await auditLog(owner, team.id, { who: 'x' })).body).toEqual({ error: 'Unknown field "who" in query', code: 'validation_error', field: 'who' });
    expect((await auditLog(owner, team.id, { from: 'yesterday' })).status).toBe(400);
    expect((await auditLog(owner, team.id, { action: 'Created' })).body).toEqual({
      error: 'Invalid query field "action": expected an action such as api_key.created',
      code: 'validation_error',
      field: 'action',
    });
  });
});

describe('the same transaction as the change', () => {
  it('a change whose audit event cannot be written does not happen', async () => {
    const db = await getDb();
    const [boss, leaver] = await Promise.all([signUp(), signUp()]);
    const other = await createTeam(boss);
    await joinTeam(leaver, other.id, 'member');
    // The database refuses this one event, as a full disk or a dropped connection would; only for this team, and
    // NOT VALID, since other test files may share the database (the server suite) and write their own events.
    await db.execute(
      sql.raw(`ALTER TABLE audit_events ADD CONSTRAINT refuse_removals CHECK (team_id <> '${other.id}' OR action <> 'member.removed') NOT VALID`),
    );
    try {
      const res = await call(memberRoute.DELETE, `/api/billstack/teams/${other.id}/members/${leaver.id}`, {
        method: 'DELETE',
        params: { teamId: other.id, userId: leaver.id },
        headers: boss.headers,
      });
      expect(res.status).toBe(500);
    } finally {
      await db.execute(sql.raw('ALTER TABLE audit_events DROP CONSTRAINT refuse_removals'));
    }
    const still = await db.select().from(teamMembers).where(and(eq(teamMembers.teamId, other.id), eq(teamMembers.userId, leaver.id)));
    expect(still).toHaveLength(1);
  });
});
