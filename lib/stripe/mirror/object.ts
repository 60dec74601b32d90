import { isDeepStrictEqual } from 'node:util';
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import type { Project } from '@/db/schema';
import { isId, newId, type IdKind } from '@/lib/http/ids';
import { tagKeys } from '@/lib/stripe/metadata';

/** What applying a Stripe object did; a skip says why, for sync results and webhook receipts. */
export type Mirrored<Row> =
  | { outcome: 'created' | 'updated' | 'unchanged'; row: Row }
  | { outcome: 'skipped'; row: null; reason: string };

export const skip = (reason: string) => ({ outcome: 'skipped', row: null, reason }) as const;

/** A table holding our copy of one kind of Stripe object, unique on (team, Stripe id). */
export interface MirrorTarget<T extends PgTable> {
  table: T & { id: PgColumn; teamId: PgColumn; projectId: PgColumn };
  stripeIdKey: keyof T['$inferInsert'] & keyof T & string;
  kind: IdKind;
}

/**
 * Applies a Stripe object's full state (never a delta) to our row keyed by (team, Stripe id): applying it again
 * changes nothing, and whatever order states arrive in, the last one applied wins whole. An object tagged for
 * another project, or already held by one, is skipped; an untagged one is adopted; a tagged one keeps its id.
 */
export async function mirrorStripeObject<T extends PgTable>(
  db: Executor,
  project: Project,
  { table, stripeIdKey, kind }: MirrorTarget<T>,
  object: { id: string; metadata: Stripe.Metadata | null },
  state: Partial<T['$inferInsert']>,
): Promise<Mirrored<T['$inferSelect']>> {
  const stripeId = table[stripeIdKey] as PgColumn;
  const tags = object.metadata ?? {};
  if (tags[tagKeys.project] !== undefined && tags[tagKeys.project] !== project.id) return skip('tagged for another project');
  const [existing] = (await db
    .select()
    .from(table as PgTable)
    .where(and(eq(table.teamId, project.teamId), eq(stripeId, object.id)))
    .limit(1)) as T['$inferSelect'][];
  if (existing && existing.projectId !== project.id) return skip('held by another project');
  const current = existing as Record<string, unknown> | undefined;
  if (current && Object.entries(state).every(([field, value]) => isDeepStrictEqual(current[field], value))) {
    return { outcome: 'unchanged', row: existing };
  }
  const id = existing?.id ?? (await adoptedId(db, table, kind, tags[tagKeys.id]));
  // One statement, so a webhook and a sync adopting the same object at once end with one row. An update only
  // when some field differs: an apply that lost the race to create the row then learns whether its state
  // (read from Stripe at another moment) changed anything the winner's did not announce.
  const [written] = (await db
    .insert(table as PgTable)
    .values({ ...state, id, teamId: project.teamId, projectId: project.id, [stripeIdKey]: object.id })
    .onConflictDoUpdate({
      target: [table.teamId, stripeId],
      set: { ...state, updatedAt: new Date() },
      setWhere: and(eq(table.projectId, project.id), anyFieldDiffers(table, state)),
    })
    // A row this statement inserted has no xmax; one it updated has ours.
    .returning({ ...getTableColumns(table as PgTable), inserted: sql<boolean>`(xmax = 0)` })) as (T['$inferSelect'] & { inserted: boolean })[];
  if (written) {
    const { inserted, ...row } = written;
    return { outcome: inserted ? 'created' : 'updated', row: row as T['$inferSelect'] };
  }
  // Nothing written: the row another apply wrote between our read and our write already holds this state, or a
  // sibling project adopted the object meanwhile.
  const [winner] = (await db
    .select()
    .from(table as PgTable)
    .where(and(eq(table.teamId, project.teamId), eq(stripeId, object.id)))
    .limit(1)) as T['$inferSelect'][];
  if (!winner || (winner as { projectId: string }).projectId !== project.id) return skip('held by another project');
  return { outcome: 'unchanged', row: winner };
}

/** Whether the conflicting row differs from the proposed one in any of the state's fields. */
function anyFieldDiffers(table: PgTable, state: Record<string, unknown>) {
  const columns = getTableColumns(table);
  const differences = Object.keys(state).map((field) => sql`${columns[field]} is distinct from excluded.${sql.identifier(columns[field].name)}`);
  return differences.length === 0 ? sql`false` : sql`(${sql.join(differences, sql` or `)})`;
}

/** The tag's id when it is well-formed and free (a duplicated Stripe object may carry a copy of it). */
async function adoptedId(db: Executor, table: MirrorTarget<PgTable>['table'], kind: IdKind, tagged: string | undefined) {
  if (tagged === undefined || !isId(kind, tagged)) return newId(kind);
  const [taken] = await db.select({ id: table.id }).from(table).where(eq(table.id, tagged)).limit(1);
  return taken ? newId(kind) : tagged;
}

/** Our own freshly written object is always this project's: anything else is a bug, not a client error. */
export function ownRow<Row>(mirrored: Mirrored<Row>): Row {
  if (!mirrored.row) throw new Error('A Stripe object created for this project was not adopted by it');
  return mirrored.row;
}

/**
 * What applying one webhook event did; an ignored event says why, in the receipt Stripe's delivery log shows.
 * `projectId` is the project whose row the event changed (null for team-wide rows such as coupons), for the
 * per-project webhook stats.
 */
export type ApplyResult = { status: 'applied'; projectId: string | null } | { status: 'ignored'; reason: string; projectId: null };

export const applied = (projectId: string | null): ApplyResult => ({ status: 'applied', projectId });
export const ignored = (reason: string): ApplyResult => ({ status: 'ignored', reason, projectId: null });

export function outcomeOf(mirrored: Mirrored<{ projectId: string }>): ApplyResult {
  return mirrored.outcome === 'skipped' ? ignored(mirrored.reason) : applied(mirrored.row.projectId);
}

/** What every "apply this Stripe object" function is given: the team's database and Stripe client. */
export interface MirrorContext {
  db: Executor;
  stripe: Stripe;
  teamId: string;
}

export const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null));
export const stripeTime = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

/** Serialises work on one Stripe object across requests and processes, for the rest of the transaction. */
export async function lockStripeObject(tx: Executor, teamId: string, objectId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${teamId}:${objectId}`}))`);
}
