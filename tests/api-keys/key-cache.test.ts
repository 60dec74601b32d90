import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { apiKeys, type ApiKey } from '@/db/schema';
import * as projectRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/route';
import { KeyCache, keyCache } from '@/lib/api-keys/cache';
import { verifyApiKey } from '@/lib/api-keys/service';
import { hashApiKey } from '@/lib/api-keys/secret';
import { call } from '../helpers/http';
import { buildWorld, issueApiKey, revokeKey, type World } from '../helpers/world';

let world: World;

beforeAll(async () => {
  world = await buildWorld();
});

const projectPath = () => `/api/billstack/teams/${world.team.id}/projects/${world.project.id}`;
const projectParams = () => ({ teamId: world.team.id, projectId: world.project.id });

describe('verifyApiKey with a key cache', () => {
  it('answers from the cache within the TTL and reads the database again after it', async () => {
    const db = await getDb();
    const issued = await issueApiKey(world.owner, world.team.id);
    const cache = new KeyCache(1000, 100);
    const start = new Date();
    const at = (ms: number) => new Date(start.getTime() + ms);
    expect(await verifyApiKey(db, issued.key, { projectId: world.project.id, cache, now: start })).toMatchObject({ valid: true });
    // Revoked behind the service's back: nothing evicts the entry, only its TTL ends it.
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, issued.id));
    expect(await verifyApiKey(db, issued.key, { projectId: world.project.id, cache, now: at(999) })).toMatchObject({ valid: true });
    expect(await verifyApiKey(db, issued.key, { projectId: world.project.id, cache, now: at(1000) })).toEqual({ valid: false, code: 'REVOKED' });
    // A refusal is not cached.
    expect(cache.get(hashApiKey(issued.key), world.project.id, at(1000).getTime())).toBeNull();
  });

  it('refuses a cached key once it has expired', async () => {
    const db = await getDb();
    const issued = await issueApiKey(world.owner, world.team.id);
    const expiresAt = new Date(Date.now() + 60_000);
    await db.update(apiKeys).set({ expiresAt }).where(eq(apiKeys.id, issued.id));
    const cache = new KeyCache(3_600_000, 100);
    const options = { projectId: world.project.id, cache };
    expect(await verifyApiKey(db, issued.key, { ...options, now: new Date(expiresAt.getTime() - 1) })).toMatchObject({ valid: true });
    expect(await verifyApiKey(db, issued.key, { ...options, now: expiresAt })).toEqual({ valid: false, code: 'EXPIRED' });
  });

  it('caches per project asked for: a project the key cannot reach stays not found', async () => {
    const db = await getDb();
    const issued = await issueApiKey(world.owner, world.team.id);
    const cache = new KeyCache(60_000, 100);
    const own = await verifyApiKey(db, issued.key, { projectId: world.project.id, cache });
    const other = await verifyApiKey(db, issued.key, { projectId: world.otherProject.id, cache });
    expect(own).toMatchObject({ valid: true, project: { id: world.project.id } });
    expect(other).toMatchObject({ valid: true, project: null });
    expect(await verifyApiKey(db, issued.key, { projectId: world.otherProject.id, cache })).toMatchObject({ project: null });
  });
});

describe('KeyCache eviction', () => {
  const keyOf = (teamId: string) => ({ id: `key_${teamId}`, teamId }) as ApiKey;

  it('makes room by dropping the oldest entry once full', () => {
    const cache = new KeyCache(60_000, 2);
    for (const hash of ['a', 'b', 'c']) cache.set(hash, 'p', { key: keyOf('t'), project: null });
    expect(cache.size).toBe(2);
    expect(cache.get('a', 'p')).toBeNull();
    expect(cache.get('c', 'p')).not.toBeNull();
  });

  it('drops the entries of one team only', async () => {
    const cache = new KeyCache(60_000, 10);
    cache.set('a', 'p', { key: keyOf('team_1'), project: null });
    cache.set('b', 'p', { key: keyOf('team_2'), project: null });
    await cache.dropTeam('team_1');
    expect(cache.get('a', 'p')).toBeNull();
    expect(cache.get('b', 'p')).not.toBeNull();
  });

  it("revoking through the API evicts the process's cached key before the next request", async () => {
    // On the server suite the cache waits for its Redis subscription (and starts empty once it is up).
    await keyCache().ready();
    const issued = await issueApiKey(world.owner, world.team.id);
    expect((await call(projectRoute.GET, projectPath(), { params: projectParams(), headers: issued.headers })).status).toBe(200);
    expect(keyCache().get(hashApiKey(issued.key), world.project.id)).not.toBeNull();
    await revokeKey(world.owner, world.team.id, issued.id);
    expect(keyCache().get(hashApiKey(issued.key), world.project.id)).toBeNull();
    const refused = await call(projectRoute.GET, projectPath(), { params: projectParams(), headers: issued.headers });
    expect(refused).toMatchObject({ status: 401, body: { error: 'API key has been revoked', code: 'api_key_revoked' } });
  });

  it('a changed project is read again, not served from the cache', async () => {
    const issued = await issueApiKey(world.owner, world.team.id);
    expect((await call(projectRoute.GET, projectPath(), { params: projectParams(), headers: issued.headers })).status).toBe(200);
    const patched = await call(projectRoute.PATCH, projectPath(), {
      method: 'PATCH',
      params: projectParams(),
      body: { allowedOrigins: ['https://shop.example.com'] },
      headers: world.owner.headers,
    });
    expect(patched.status).toBe(200);
    const seen = await call(projectRoute.GET, projectPath(), { params: projectParams(), headers: issued.headers });
    expect(seen.body.project.allowedOrigins).toEqual(['https://shop.example.com']);
  });
});
