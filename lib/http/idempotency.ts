import crypto from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { NextResponse } from 'next/server';
import type { Executor } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secret-box';
import { BadRequest, Conflict } from './errors';

const retention = 24 * 60 * 60 * 1000;

/**
 * How long a first request may hold its key before a retry takes it over: longer than any request runs (a
 * request's Stripe calls time out after 10 s each). A process killed mid-request never finishes its claim, and
 * without this its key would answer "in progress" for 24 hours; the create functions make a takeover safe
 * even if the first request was only slow (Stripe replays under the same key, our row is found by its id).
 */
function claimLeaseMs(): number {
  const value = Number(process.env.BILLSTACK_IDEMPOTENCY_LEASE_MS);
  return Number.isInteger(value) && value > 0 ? value : 60_000;
}

interface Scope {
  teamId: string;
  projectId: string;
}

/**
 * A replayed answer can hold what is shown once (a portal token's URL, a key): stored answers are sealed like
 * any secret at rest, bound to their project and key. Rows written before sealing are plain JSON objects.
 */
function sealResponse(body: unknown, scope: Scope, key: string): string {
  return encryptSecret(JSON.stringify(body), `${scope.projectId}:${key}`);
}

function openResponse(stored: unknown, scope: Scope, key: string): unknown {
  return typeof stored === 'string' ? JSON.parse(decryptSecret(stored, `${scope.projectId}:${key}`)) : stored;
}

const keyInUse = () => new Conflict('A request with this Idempotency-Key is in progress; retry shortly', 'idempotency_key_in_use');

/** Claims a key whose first request has held it past the lease (its process died): one retry wins it. */
async function takeOverAbandoned(db: Executor, scope: Scope, key: string): Promise<boolean> {
  // The database's clock on both sides, which wrote createdAt.
  const leaseStart = sql`now() - make_interval(secs => ${claimLeaseMs() / 1000})`;
  const [taken] = await db
    .update(idempotencyKeys)
    .set({ createdAt: sql`now()` })
    .where(
      and(
        eq(idempotencyKeys.projectId, scope.projectId),
        eq(idempotencyKeys.key, key),
        isNull(idempotencyKeys.responseStatus),
        lt(idempotencyKeys.createdAt, leaseStart),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  return taken !== undefined;
}

export function idempotencyKeyOf(headers: Headers): string | null {
  const key = headers.get('idempotency-key');
  if (key === null) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new BadRequest('Idempotency-Key must be 1 to 255 printable characters', 'invalid_idempotency_key');
  return key;
}

/**
 * Stripe's rule: the same key with the same request replays the first answer and does nothing again;
 * the same key with another request is a conflict. A first request that failed on the server side
 * (5xx) is forgotten, so the client may retry it.
 */
export async function runIdempotently(
  db: Executor,
  scope: Scope,
  key: string,
  request: { method: string; path: string; body: unknown },
  run: () => Promise<Response>,
): Promise<Response> {
  const requestHash = crypto.createHash('sha256').update(JSON.stringify([request.method, request.path, request.body ?? null])).digest('hex');
  const ofKey = and(eq(idempotencyKeys.projectId, scope.projectId), eq(idempotencyKeys.key, key));
  // Stripe keeps keys 24 hours; so do we, for the whole project, so that old answers do not pile up.
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.projectId, scope.projectId), lt(idempotencyKeys.createdAt, new Date(Date.now() - retention))));
  const [claimed] = await db
    .insert(idempotencyKeys)
    .values({ ...scope, key, requestHash })
    .onConflictDoNothing()
    .returning();
  if (!claimed) {
    const [first] = await db.select().from(idempotencyKeys).where(ofKey).limit(1);
    if (!first) throw keyInUse();
    if (first.requestHash !== requestHash) {
      throw new Conflict('This Idempotency-Key was already used with a different request', 'idempotency_key_reused');
    }
    if (first.responseStatus !== null) {
      return NextResponse.json(openResponse(first.responseBody, scope, key), { status: first.responseStatus, headers: { 'idempotent-replayed': 'true' } });
    }
    if (!(await takeOverAbandoned(db, scope, key))) throw keyInUse();
  }
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    await db.delete(idempotencyKeys).where(ofKey);
    throw error;
  }
  if (response.status >= 500) {
    await db.delete(idempotencyKeys).where(ofKey);
    return response;
  }
  const body = await response.clone().json();
  await db.update(idempotencyKeys).set({ responseStatus: response.status, responseBody: sealResponse(body, scope, key) }).where(ofKey);
  return response;
}
