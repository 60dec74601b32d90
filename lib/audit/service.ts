import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { NextRequest } from 'next/server';
import type { Executor, Transaction } from '@/db/client';
import { auditEvents, type ApiKey, type AuditActorType, type AuditEvent } from '@/db/schema';
import { clientIp } from '@/lib/http/client-ip';
import { newId } from '@/lib/http/ids';
import { isoTime } from '@/lib/http/respond';
import type { ListAuditEventsQuery } from './schemas';

/** Who is making a change, and through which request: what the route wrapper hands to services that write. */
export interface ActorContext {
  teamId: string;
  type: AuditActorType;
  id: string;
  /** The user's email or the key's name, as it was when the change was made. */
  label: string;
  requestId: string;
  ip: string;
}

export function userActor(
  req: NextRequest,
  { teamId, requestId, user }: { teamId: string; requestId: string; user: { id: string; email: string } },
): ActorContext {
  return { teamId, type: 'user', id: user.id, label: user.email, requestId, ip: clientIp(req) };
}

export function apiKeyActor(req: NextRequest, { requestId, key }: { requestId: string; key: ApiKey }): ActorContext {
  return { teamId: key.teamId, type: 'apiKey', id: key.id, label: key.name, requestId, ip: clientIp(req) };
}

/** Actions read `<noun>.<verb in the past>`, as in `api_key.created`. */
export interface AuditEntry {
  action: `${string}.${string}`;
  target: { type: string; id: string };
}

/** Records a change; pass the transaction that makes it, so the change and its trace commit or fail together. */
export async function recordAudit(tx: Executor, actor: ActorContext, { action, target }: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    id: newId('auditEvent'),
    teamId: actor.teamId,
    actorType: actor.type,
    actorId: actor.id,
    actorLabel: actor.label,
    action,
    targetType: target.type,
    targetId: target.id,
    requestId: actor.requestId,
    ip: actor.ip,
  });
}

/**
 * Runs a write and records it in one transaction; for changes whose Stripe call is already made, `write` is
 * only the row from Stripe's answer, so no Stripe call runs inside the transaction.
 */
export function withAudit<T>(
  db: Executor,
  actor: ActorContext,
  write: (tx: Transaction) => Promise<T>,
  entryOf: (result: T) => AuditEntry,
): Promise<T> {
  return db.transaction(async (tx) => {
    const result = await write(tx);
    await recordAudit(tx, actor, entryOf(result));
    return result;
  });
}

function auditEventView(event: AuditEvent) {
  return {
    id: event.id,
    at: isoTime(event.at),
    actor: { type: event.actorType, id: event.actorId, label: event.actorLabel },
    action: event.action,
    target: { type: event.targetType, id: event.targetId },
    requestId: event.requestId,
    ip: event.ip,
  };
}

/** A team's trail, newest first; `from` is inclusive and `to` exclusive. */
export async function listAuditEvents(db: Executor, { teamId, actor, action, from, to, limit, offset }: { teamId: string } & ListAuditEventsQuery) {
  const filters: SQL[] = [eq(auditEvents.teamId, teamId)];
  if (actor) filters.push(eq(auditEvents.actorId, actor));
  if (action) filters.push(eq(auditEvents.action, action));
  if (from) filters.push(gte(auditEvents.at, from));
  if (to) filters.push(lt(auditEvents.at, to));
  const where = and(...filters);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.at), desc(auditEvents.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(auditEvents).where(where),
  ]);
  return { events: rows.map(auditEventView), total };
}
