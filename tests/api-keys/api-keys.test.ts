import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { apiKeys } from '@/db/schema';
import * as apiKeysRoute from '@/app/api/billstack/teams/[teamId]/api-keys/route';
import * as apiKeyRoute from '@/app/api/billstack/teams/[teamId]/api-keys/[keyId]/route';
import * as projectRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/route';
import * as teamRoute from '@/app/api/billstack/teams/[teamId]/route';
import { call } from '../helpers/http';
import { joinByInvitation, signUp } from '../helpers/fixtures';
import { buildWorld, issueApiKey, type World } from '../helpers/world';

let world: World;
const keysPath = () => `/api/billstack/teams/${world.team.id}/api-keys`;
const createKey = (body: unknown, headers = world.owner.headers) =>
  call(apiKeysRoute.POST, keysPath(), { method: 'POST', params: { teamId: world.team.id }, body, headers });
const getProjectAs = (headers: Record<string, string>) =>
  call(projectRoute.GET, `/api/billstack/teams/${world.team.id}/projects/${world.project.id}`, {
    params: { teamId: world.team.id, projectId: world.project.id },
    headers,
  });

beforeAll(async () => {
  world = await buildWorld();
});

describe('creating keys', () => {
  it('answers 201 with the key shown once and the stored view', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const res = await createKey({ name: 'backend', projectIds: [world.project.id], scopes: ['customers:read'], expiresAt });
    expect(res.status).toBe(201);
    expect(res.body.key).toMatch(/^bs_[0-9A-Za-z]{43}$/);
    expect(res.body.apiKey).toEqual({
      id: expect.stringMatching(/^key_/),
      name: 'backend',
      start: res.body.key.slice(0, 9),
      projectIds: [world.project.id],
      scopes: ['customers:read'],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      expiresAt,
      lastUsedAt: null,
    });
  });

  it('accepts "all" projects and lists keys without their secret', async () => {
    const { body } = await createKey({ name: 'all projects', projectIds: 'all', scopes: ['*'] });
    expect(body.apiKey.projectIds).toBe('all');
    const list = await call(apiKeysRoute.GET, keysPath(), { params: { teamId: world.team.id }, headers: world.owner.headers });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(list.body.apiKeys.length);
    const listed = list.body.apiKeys.find((key: { id: string }) => key.id === body.apiKey.id);
    expect(listed).toEqual(body.apiKey);
    expect(JSON.stringify(list.body)).not.toContain(body.key);
    const one = await call(apiKeyRoute.GET, `${keysPath()}/${body.apiKey.id}`, {
      params: { teamId: world.team.id, keyId: body.apiKey.id },
      headers: world.owner.headers,
    });
    expect(one.body).toEqual({ apiKey: body.apiKey });
  });

  it('stores only the SHA-256 of the key', async () => {
    const { body } = await createKey({ name: 'stored', projectIds: 'all', scopes: ['*'] });
    const db = await getDb();
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, body.apiKey.id));
    expect(JSON.stringify(row)).not.toContain(body.key);
    const { createHash } = await import('node:crypto');
    expect(row.hash).toBe(createHash('sha256').update(body.key).digest('hex'));
  });

  it.each([
    [{ name: 'x', projectIds: 'all', scopes: ['customers:delete'] }, 'Invalid body field "scopes.0"'],
    [{ name: 'x', projectIds: 'all', scopes: [] }, 'Invalid body field "scopes"'],
    [{ name: 'x', projectIds: ['nope'], scopes: ['*'] }, 'Invalid body field "projectIds'],
    [{ name: 'x', projectIds: 'all', scopes: ['*'], expiresAt: '2001-01-01T00:00:00Z' }, 'Invalid body field "expiresAt": expiresAt must be in the future'],
    [{ name: 'x', projectIds: 'all', scopes: ['*'], secret: 'mine' }, 'Unknown field "secret" in body'],
  ])('refuses %j with 400', async (body, message) => {
    const res = await createKey(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain(message);
    expect(res.body.code).toBe('validation_error');
  });

  it('refuses a project of another team with 404', async () => {
    const res = await createKey({ name: 'x', projectIds: [world.otherProject.id], scopes: ['*'] });
    expect(res).toMatchObject({ status: 404, body: { error: `Project ${world.otherProject.id} not found`, code: 'project_not_found' } });
  });

  it('is for owners and admins only', async () => {
    const member = await signUp();
    await joinByInvitation(world.owner, world.team.id, member, 'member');
    const res = await createKey({ name: 'x', projectIds: 'all', scopes: ['*'] }, member.headers);
    expect(res).toMatchObject({ status: 403, body: { error: 'This action requires the owner or admin role', code: 'role_required' } });
  });
});

describe('using keys', () => {
  it('a revoked key is refused on the very next request', async () => {
    const key = await issueApiKey(world.owner, world.team.id);
    expect((await getProjectAs(key.headers)).status).toBe(200);
    const revoke = await call(apiKeyRoute.DELETE, `${keysPath()}/${key.id}`, {
      method: 'DELETE',
      params: { teamId: world.team.id, keyId: key.id },
      headers: world.owner.headers,
    });
    expect(revoke).toMatchObject({ status: 200, body: { id: key.id, deleted: true } });
    expect(await getProjectAs(key.headers)).toMatchObject({ status: 401, body: { error: 'API key has been revoked', code: 'api_key_revoked' } });
    const again = await call(apiKeyRoute.GET, `${keysPath()}/${key.id}`, {
      params: { teamId: world.team.id, keyId: key.id },
      headers: world.owner.headers,
    });
    expect(again).toMatchObject({ status: 404, body: { error: 'API key not found', code: 'api_key_not_found' } });
  });

  it('records lastUsedAt after use', async () => {
    const key = await issueApiKey(world.owner, world.team.id);
    await getProjectAs(key.headers);
    const db = await getDb();
    await vi.waitFor(async () => {
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
      expect(row.lastUsedAt).toBeInstanceOf(Date);
    });
  });

  it('is refused on team-level endpoints', async () => {
    const key = await issueApiKey(world.owner, world.team.id);
    const refusal = { status: 401, body: { error: 'API keys cannot be used on team-level endpoints; sign in with a dashboard session', code: 'api_key_not_allowed' } };
    const params = { teamId: world.team.id };
    expect(await call(apiKeysRoute.GET, keysPath(), { params, headers: key.headers })).toMatchObject(refusal);
    expect(await call(teamRoute.GET, `/api/billstack/teams/${world.team.id}`, { params, headers: key.headers })).toMatchObject(refusal);
  });

  it('answers 429 with Retry-After past the per-key rate limit', async () => {
    const key = await issueApiKey(world.owner, world.team.id);
    process.env.API_KEY_RATE_LIMIT = '3';
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      // Eight calls take well under two seconds, so at least one window sees more than three.
      for (let i = 0; i < 8; i++) {
        const res = await getProjectAs(key.headers);
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = res.headers.get('retry-after');
          expect(res.body).toEqual({ error: 'Rate limit exceeded', code: 'rate_limited' });
        }
      }
      expect(statuses).toContain(429);
      expect(retryAfter).toBe('1');
    } finally {
      delete process.env.API_KEY_RATE_LIMIT;
    }
  });
});
