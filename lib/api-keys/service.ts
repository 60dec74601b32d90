import { and, arrayContains, count, desc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { apiKeys, projects, type ApiKey, type Project } from '@/db/schema';
import { recordAudit, type ActorContext } from '@/lib/audit/service';
import { NotFound } from '@/lib/http/errors';
import { isId, newId } from '@/lib/http/ids';
import type { Pagination } from '@/lib/http/pagination';
import { isoTime } from '@/lib/http/respond';
import { log } from '@/lib/log';
import { keyCache, type KeyCache } from './cache';
import type { CreateApiKeyBody } from './schemas';
import { hashApiKey, hashesEqual, isWellFormedApiKey, newApiKey } from './secret';

export function apiKeyView(key: ApiKey) {
  return {
    id: key.id,
    name: key.name,
    start: key.start,
    projectIds: key.projectIds ?? ('all' as const),
    scopes: key.scopes,
    createdAt: isoTime(key.createdAt),
    expiresAt: isoTime(key.expiresAt),
    lastUsedAt: isoTime(key.lastUsedAt),
  };
}

/** Creates a key; the returned `key` is the only time the secret exists outside the caller's hands. */
export async function createApiKey(db: Database, { actor, body }: { actor: ActorContext; body: CreateApiKeyBody }) {
  const teamId = actor.teamId;
  if (body.projectIds !== 'all') {
    const wanted = [...new Set(body.projectIds)];
    const found = await db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.teamId, teamId), inArray(projects.id, wanted)));
    const missing = wanted.find((id) => !found.some((project) => project.id === id));
    if (missing) throw new NotFound(`Project ${missing} not found`, 'project_not_found');
  }
  const { key, hash, start } = newApiKey();
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(apiKeys)
      .values({
        id: newId('apiKey'),
        teamId,
        name: body.name,
        hash,
        start,
        projectIds: body.projectIds === 'all' ? null : [...new Set(body.projectIds)],
        scopes: [...new Set(body.scopes)],
        createdBy: actor.id,
        expiresAt: body.expiresAt ?? null,
      })
      .returning();
    await recordAudit(tx, actor, { action: 'api_key.created', target: { type: 'apiKey', id: inserted.id } });
    return inserted;
  });
  return { apiKey: apiKeyView(row), key };
}

const activeKeysOf = (teamId: string) => and(eq(apiKeys.teamId, teamId), isNull(apiKeys.revokedAt));

export async function listApiKeys(db: Executor, { teamId, limit, offset }: { teamId: string } & Pagination) {
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(apiKeys).where(activeKeysOf(teamId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(apiKeys).where(activeKeysOf(teamId)),
  ]);
  return { apiKeys: rows.map(apiKeyView), total };
}

/** Whether a live key (not revoked, not expired) reaches the project: one of its projects, or all of them. */
export async function projectHasApiKey(db: Executor, project: Project): Promise<boolean> {
  const [row] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(
      and(
        activeKeysOf(project.teamId),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, new Date())),
        or(isNull(apiKeys.projectIds), arrayContains(apiKeys.projectIds, [project.id])),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function getApiKey(db: Executor, { teamId, keyId }: { teamId: string; keyId: string }) {
  const [row] = isId('apiKey', keyId)
    ? await db.select().from(apiKeys).where(and(activeKeysOf(teamId), eq(apiKeys.id, keyId))).limit(1)
    : [];
  if (!row) throw new NotFound('API key not found');
  return row;
}

/** Revocation keeps the row (so a later use is told "revoked") and reaches every process's key cache at once. */
export async function revokeApiKey(db: Database, { actor, keyId }: { actor: ActorContext; keyId: string }) {
  const teamId = actor.teamId;
  const key = await getApiKey(db, { teamId, keyId });
  await db.transaction(async (tx) => {
    await tx.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.teamId, teamId), eq(apiKeys.id, key.id)));
    await recordAudit(tx, actor, { action: 'api_key.revoked', target: { type: 'apiKey', id: key.id } });
  });
  await keyCache().dropTeam(teamId);
  return { id: key.id, deleted: true as const };
}

export type KeyVerification =
  | { valid: true; key: ApiKey; project: Project | null }
  | { valid: false; code: 'MALFORMED' | 'NOT_FOUND' | 'REVOKED' | 'EXPIRED' };

/**
 * Hash, then the key from the cache or one indexed lookup, then the checks; an outcome rather than an
 * exception. The same query brings the requested project of the key's team (null if there is none), so a
 * keyed request costs at most one round trip, and none while the key is cached.
 */
export async function verifyApiKey(
  db: Executor,
  token: string,
  { projectId = '', now = new Date(), cache = keyCache() }: { projectId?: string; now?: Date; cache?: KeyCache | null } = {},
): Promise<KeyVerification> {
  if (!isWellFormedApiKey(token)) return { valid: false, code: 'MALFORMED' };
  const hash = hashApiKey(token);
  let verified = cache?.get(hash, projectId, now.getTime()) ?? null;
  if (!verified) {
    const [found] = await db
      .select({ key: apiKeys, project: projects })
      .from(apiKeys)
      .leftJoin(projects, and(eq(projects.teamId, apiKeys.teamId), eq(projects.id, projectId)))
      .where(eq(apiKeys.hash, hash))
      .limit(1);
    if (!found || !hashesEqual(found.key.hash, hash)) return { valid: false, code: 'NOT_FOUND' };
    if (found.key.revokedAt) return { valid: false, code: 'REVOKED' };
    verified = found;
    cache?.set(hash, projectId, found, now.getTime());
  }
  const { key, project } = verified;
  // Checked on every use, cached or not: a key cached a second before it expires is refused after.
  if (key.expiresAt && key.expiresAt <= now) return { valid: false, code: 'EXPIRED' };
  return { valid: true, key, project };
}

const lastUsedWrites = new Map<string, number>();
const lastUsedInterval = 60_000;

/** Records use at most once a minute per key and process, without holding up the request. */
export function touchApiKey(db: Executor, key: ApiKey, now = Date.now()) {
  const lastWrite = lastUsedWrites.get(key.id) ?? key.lastUsedAt?.getTime() ?? 0;
  if (now - lastWrite < lastUsedInterval) return;
  lastUsedWrites.set(key.id, now);
  db.update(apiKeys)
    .set({ lastUsedAt: new Date(now) })
    .where(eq(apiKeys.id, key.id))
    .catch((error) => log.error({ err: error, keyId: key.id }, 'lastUsedAt update failed'));
}
