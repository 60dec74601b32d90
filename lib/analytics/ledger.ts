import { and, asc, eq, getTableColumns, getTableName, gte, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '@/db/client';
import { analyticsCohorts, analyticsDaily, mrrMovements, subscriptionHistory, trialingChanges, type SubscriptionHistoryRow } from '@/db/schema';
import { churnKind, monthlyRecurringRevenue, movementType } from './definitions';
import { cohortDeltas, cohortRows, cohortUpsert, dailyRows, dailyUpsert, rollupDeltas, utcMonth, type CohortDelta, type DayDelta } from './rollups';

export type NewHistoryRow = Omit<typeof subscriptionHistory.$inferInsert, 'id' | 'mrr' | 'recordedAt'>;
export type LedgerInput = Pick<
  SubscriptionHistoryRow,
  'subscriptionId' | 'eventType' | 'stripeEventId' | 'occurredAt' | 'status' | 'currency' | 'mrr' | 'cancellationReason'
>;
export type MovementDraft = Omit<typeof mrrMovements.$inferInsert, 'id' | 'teamId' | 'projectId'>;
export type TrialingDraft = Omit<typeof trialingChanges.$inferInsert, 'teamId' | 'projectId'>;

/**
 * Appends the history row of one subscription change (its `mrr` from the definitions, at the change's Stripe
 * time) and brings the customer's ledger and the rollups up to date, in the caller's transaction. A row
 * already recorded (the same event delivered again) changes nothing. The webhook path appends through here.
 */
export async function appendSubscriptionHistory(tx: Executor, row: NewHistoryRow): Promise<boolean> {
  return (await appendSubscriptionHistoryRows(tx, [row])) === 1;
}

/**
 * The key of a project's analytics lock: held shared by every ledger change, exclusively by a rebuild, which
 * then needs no lock per customer (a project of 100,000 customers would exhaust the server's lock table).
 */
export const projectLockKey = (projectId: unknown) => sql`hashtext('analytics-project:' || ${projectId})`;

/**
 * `appendSubscriptionHistory` for many rows at once (the history import, with a synthetic event id per
 * reconstructed state; generated histories): each customer's ledger is recomputed once. Returns how many
 * rows were new.
 */
export async function appendSubscriptionHistoryRows(tx: Executor, rows: NewHistoryRow[]): Promise<number> {
  // In customer order, so that concurrent appends take the customers' locks in one order.
  const sorted = [...rows].sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  const chunks: NewHistoryRow[][] = [];
  for (let start = 0; start < sorted.length; start += 1000) chunks.push(sorted.slice(start, start + 1000));
  const customerIds = [...new Set(sorted.map((row) => row.customerId))];
  // The usual event (one chunk of one project): the customers' history is read in the insert's round trip,
  // pipelined on the connection right behind it. Run after the insert, that statement sees every row its locks
  // waited for.
  const pipelined = chunks.length === 1 && customerIds.length <= recomputeChunkSize && new Set(sorted.map((row) => row.projectId)).size === 1;
  let inserted: InsertedRow[] = [];
  let history: LedgerRow[] | undefined;
  if (pipelined) {
    [inserted, history] = await Promise.all([insertHistoryChunk(tx, chunks[0]), readLedgerRows(tx, sorted[0].teamId, customerIds)]);
  } else {
    for (const chunk of chunks) inserted.push(...(await insertHistoryChunk(tx, chunk)));
  }
  const changes = new Map<string, CustomerChange>();
  for (const row of inserted) {
    const known = changes.get(row.customerId);
    if (!known || row.occurredAt < known.from) changes.set(row.customerId, { ...row, from: row.occurredAt });
  }
  await recomputeLedger(tx, [...changes.values()], { newRows: new Set(inserted.map((row) => row.id)), locked: true, history });
  return inserted.length;
}

type InsertedRow = { id: number; teamId: string; projectId: string; customerId: string; occurredAt: Date };

/** Inserts history rows (their MRR by the definitions), locking each new row's customer; returns the new ones. */
function insertHistoryChunk(tx: Executor, rows: NewHistoryRow[]): Promise<InsertedRow[]> {
  const values = rows.map((row) => ({
    ...row,
    mrr: monthlyRecurringRevenue({ status: row.status, items: row.items, discounts: row.discounts ?? [] }, row.occurredAt),
  }));
  return tx
    .insert(subscriptionHistory)
    .values(values)
    .onConflictDoNothing()
    .returning({
      id: subscriptionHistory.id,
      teamId: subscriptionHistory.teamId,
      projectId: subscriptionHistory.projectId,
      customerId: subscriptionHistory.customerId,
      occurredAt: subscriptionHistory.occurredAt,
      // Each new row locks its customer in the statement that adds it (a duplicate locks nothing): the
      // recomputation's read, a statement later, then sees every change a concurrent writer committed. The
      // project's lock first, shared: a rebuild waits for these appends and they wait for it.
      projectLocked: sql<number>`(select 1 from pg_advisory_xact_lock_shared(${projectLockKey(subscriptionHistory.projectId)}))`,
      locked: sql<number>`(select 1 from pg_advisory_xact_lock(hashtext('analytics:' || ${subscriptionHistory.customerId})))`,
    });
}

// Stripe times have one-second resolution, so events of one second need an order that does not depend
// on arrival: creation first, then updates, then deletion, then by event id.
const eventRank = (type: string) => (type.endsWith('.created') ? 0 : type.endsWith('.deleted') ? 2 : 1);
export function historyOrder(a: LedgerInput, b: LedgerInput): number {
  return (
    a.occurredAt.getTime() - b.occurredAt.getTime() ||
    eventRank(a.eventType) - eventRank(b.eventType) ||
    (a.stripeEventId < b.stripeEventId ? -1 : a.stripeEventId > b.stripeEventId ? 1 : 0)
  );
}

interface SubscriptionNow {
  currency: string;
  mrr: number;
  trialing: boolean;
}

/**
 * A customer's movements and trialing changes from all the history rows of the customer's subscriptions:
 * per currency, the customer's MRR is the sum of each subscription's latest MRR, and every Stripe second at
 * which it changes is one movement (a plan switch across two subscriptions is one movement of the difference).
 */
export function customerLedger(customerId: string, rows: LedgerInput[]): { movements: MovementDraft[]; trialing: TrialingDraft[] } {
  const sorted = [...rows].sort(historyOrder);
  const movements: MovementDraft[] = [];
  const trialing: TrialingDraft[] = [];
  const subscriptions = new Map<string, SubscriptionNow>();
  const totals = new Map<string, { mrr: number; trialing: number; hadMrr: boolean }>();
  for (let start = 0; start < sorted.length; ) {
    const occurredAt = sorted[start].occurredAt;
    let end = start;
    const ending = new Map<string, LedgerInput>();
    for (; end < sorted.length && sorted[end].occurredAt.getTime() === occurredAt.getTime(); end += 1) {
      const row = sorted[end];
      subscriptions.set(row.subscriptionId, { currency: row.currency, mrr: row.mrr, trialing: row.status === 'trialing' });
      // The row that ends a subscription's MRR in this second tells why a churn happened.
      if (row.mrr === 0 && !ending.has(row.currency)) ending.set(row.currency, row);
    }
    const currencies = new Set(sorted.slice(start, end).map((row) => row.currency));
    for (const currency of currencies) {
      let mrr = 0;
      let trialingNow = 0;
      for (const now of subscriptions.values()) {
        if (now.currency !== currency) continue;
        mrr += now.mrr;
        trialingNow += now.trialing ? 1 : 0;
      }
      const before = totals.get(currency) ?? { mrr: 0, trialing: 0, hadMrr: false };
      if (mrr !== before.mrr) {
        const type = movementType(before.mrr, mrr, before.hadMrr);
        const cause = ending.get(currency);
        movements.push({
          customerId,
          currency,
          occurredAt,
          type,
          amount: mrr - before.mrr,
          mrrBefore: before.mrr,
          mrrAfter: mrr,
          churnKind: type === 'churned' && cause ? churnKind(cause) : null,
        });
      }
      if (trialingNow !== before.trialing) trialing.push({ customerId, currency, occurredAt, delta: trialingNow - before.trialing });
      totals.set(currency, { mrr, trialing: trialingNow, hadMrr: before.hadMrr || mrr > 0 });
    }
    start = end;
  }
  return { movements, trialing };
}

export const ledgerColumns = {
  id: subscriptionHistory.id,
  customerId: subscriptionHistory.customerId,
  subscriptionId: subscriptionHistory.subscriptionId,
  eventType: subscriptionHistory.eventType,
  stripeEventId: subscriptionHistory.stripeEventId,
  occurredAt: subscriptionHistory.occurredAt,
  status: subscriptionHistory.status,
  currency: subscriptionHistory.currency,
  mrr: subscriptionHistory.mrr,
  cancellationReason: subscriptionHistory.cancellationReason,
};

/** A customer whose history changed from `from` on (rows of one project). */
export interface CustomerChange {
  teamId: string;
  projectId: string;
  customerId: string;
  from: Date;
}

/**
 * Recomputes customers' movements and trialing changes from each one's `from` on (a row applied late takes its
 * place in time and moves what follows), replacing the stored ones and correcting the rollups by the
 * difference. Customers are locked after their project's lock, taken shared (in one order, so concurrent
 * callers cannot deadlock; `locked` when the caller already holds them, or the project's lock exclusively), as
 * two subscriptions of one customer can change at once. `newRows` are the history rows this transaction added:
 * when a customer has no other row from its `from` on (the usual in-order event), nothing stored is replaced,
 * only added.
 */
export async function recomputeLedger(
  tx: Executor,
  changes: CustomerChange[],
  options: { newRows?: Set<number>; locked?: boolean; history?: LedgerRow[] } = {},
) {
  const byProject = new Map<string, CustomerChange[]>();
  for (const change of changes) byProject.set(change.projectId, [...(byProject.get(change.projectId) ?? []), change]);
  // History already read (all the customers' rows, after their locks) serves a single chunk.
  const history = byProject.size === 1 && changes.length <= recomputeChunkSize ? options.history : undefined;
  for (const projectChanges of byProject.values()) {
    for (let start = 0; start < projectChanges.length; start += recomputeChunkSize) {
      const chunk = projectChanges.slice(start, start + recomputeChunkSize);
      await recomputeChunk(tx, chunk, options.newRows ?? new Set(), options.locked ?? false, history);
    }
  }
}

/** Customers recomputed per round of statements. */
const recomputeChunkSize = 2000;

export type LedgerRow = LedgerInput & { id: number; customerId: string };

/** The history rows of the customers, in customer and time order. */
function readLedgerRows(tx: Executor, teamId: string, customerIds: string[]): Promise<LedgerRow[]> {
  return tx
    .select(ledgerColumns)
    .from(subscriptionHistory)
    .where(and(eq(subscriptionHistory.teamId, teamId), inArray(subscriptionHistory.customerId, customerIds)))
    .orderBy(asc(subscriptionHistory.customerId), asc(subscriptionHistory.occurredAt));
}

/** Rollup keys are text (currency, ISO dates): compared as such. */
function compareKeys(a: Record<string, unknown>, b: Record<string, unknown>, keys: readonly string[]): number {
  for (const key of keys) {
    const [left, right] = [String(a[key]), String(b[key])];
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

/**
 * An insert of rows of one project given as a single JSON parameter (building a drizzle insert costs more per
 * value than the database's work: a rebuild writes a row per movement of every customer), its text built once
 * per table; with `upsert`, a row already there for the key gets the sums added. Its rows go into `ledgerWrite`.
 */
function recordsetInsert(table: PgTable, keys: readonly string[], upsert?: { sums: readonly string[]; target: PgColumn[] }) {
  const tableColumns = getTableColumns(table) as Record<string, PgColumn>;
  const columns = [...keys, ...(upsert?.sums ?? [])].map((key) => ({ key, name: tableColumns[key].name, type: tableColumns[key].getSQLType() }));
  const list = columns.map(({ name }) => `"${name}"`).join(', ');
  const definitions = columns.map(({ name, type }) => `"${name}" ${type}`).join(', ');
  const tableName = getTableName(table);
  const conflict = upsert
    ? ` on conflict (${upsert.target.map((column) => `"${column.name}"`).join(', ')}) do update set ` +
      upsert.sums.map((key) => `"${tableColumns[key].name}" = "${tableName}"."${tableColumns[key].name}" + excluded."${tableColumns[key].name}"`).join(', ')
    : '';
  const head = sql.raw(`insert into "${tableName}" (team_id, project_id, ${list}) select `);
  const tail = sql.raw(`::json) as r(${definitions})${conflict}`);
  const from = sql.raw(`, ${list} from json_to_recordset(`);
  return (tenant: { teamId: string; projectId: string }, rows: Record<string, unknown>[]) => {
    // An upsert locks the rows it adds to in the order given: two recomputations sharing rollup rows (days,
    // cohorts) deadlocked on PostgreSQL when they met them in different orders. Sorted by key, they queue.
    const ordered = upsert ? [...rows].sort((a, b) => compareKeys(a, b, keys)) : rows;
    const json = JSON.stringify(ordered.map((row) => Object.fromEntries(columns.map(({ key, name }) => [name, row[key] ?? null]))));
    return sql`${head}${tenant.teamId}, ${tenant.projectId}${from}${json}${tail}`;
  };
}

const insertMovements = recordsetInsert(mrrMovements, ['customerId', 'currency', 'occurredAt', 'type', 'amount', 'mrrBefore', 'mrrAfter', 'churnKind']);
const insertTrialing = recordsetInsert(trialingChanges, ['customerId', 'currency', 'occurredAt', 'delta']);
const upsertDaily = recordsetInsert(analyticsDaily, dailyUpsert.key, dailyUpsert);
const upsertCohorts = recordsetInsert(analyticsCohorts, cohortUpsert.key, cohortUpsert);

/**
 * The ledger rows and rollup deltas of a recomputation, written by one statement (data-modifying CTEs): one
 * round trip, its text the same for every event of a kind, so the driver's prepared statement serves it.
 */
function ledgerWrite(tx: Executor, tenant: { teamId: string; projectId: string }, parts: [ReturnType<typeof recordsetInsert>, Record<string, unknown>[]][]) {
  const writes = parts.filter(([, rows]) => rows.length > 0).map(([insert, rows]) => insert(tenant, rows));
  const last = writes.pop();
  if (!last) return;
  const ctes = writes.map((write, index) => sql`${sql.identifier(`write${index}`)} as (${write})`);
  return tx.execute(ctes.length ? sql`with ${sql.join(ctes, sql`, `)} ${last}` : last);
}

async function recomputeChunk(tx: Executor, changes: CustomerChange[], newRows: Set<number>, locked: boolean, history?: LedgerRow[]) {
  if (changes.length === 0) return;
  const [{ teamId, projectId }] = changes;
  const ids = changes.map((change) => change.customerId).sort();
  if (!locked) {
    await tx.execute(sql`select pg_advisory_xact_lock_shared(${projectLockKey(projectId)})`);
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext('analytics:' || id)) from unnest(array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::text[]) as id order by id`,
    );
  }
  const rows = history ?? (await readLedgerRows(tx, teamId, ids));
  const byCustomer = new Map<string, LedgerRow[]>();
  for (const row of rows) {
    const list = byCustomer.get(row.customerId) ?? [];
    list.push(row);
    byCustomer.set(row.customerId, list);
  }
  // Customers with earlier-recorded rows from their `from` on have stored movements there to replace, from the
  // earliest such `from` (replacing more than needed is harmless: the computed rows are the whole truth).
  const replaced = changes.filter((change) => byCustomer.get(change.customerId)?.some((row) => row.occurredAt >= change.from && !newRows.has(row.id)));
  const replacedFrom = replaced.reduce<Date | null>((earliest, change) => (!earliest || change.from < earliest ? change.from : earliest), null);
  const movements: (MovementDraft & { cohort: string })[] = [];
  const trialing: TrialingDraft[] = [];
  const replacedIds = new Set(replaced.map((change) => change.customerId));
  // Each customer's first movement per currency (always `new`): its month is the customer's cohort.
  const firstPaid = new Map<string, Date>();
  for (const change of changes) {
    const cut = replacedIds.has(change.customerId) ? replacedFrom! : change.from;
    const ledger = customerLedger(change.customerId, byCustomer.get(change.customerId) ?? []);
    for (const movement of ledger.movements) {
      const key = `${change.customerId}:${movement.currency}`;
      if (!firstPaid.has(key)) firstPaid.set(key, movement.occurredAt);
      if (movement.occurredAt >= cut) movements.push({ ...movement, cohort: utcMonth(firstPaid.get(key)!) });
    }
    trialing.push(...ledger.trialing.filter((movement) => movement.occurredAt >= cut));
  }
  const deltas = new Map<string, DayDelta>();
  const cohorts = new Map<string, CohortDelta>();
  if (replacedFrom) {
    const customersReplaced = [...replacedIds];
    // Both in one round trip, pipelined on the connection.
    const [oldMovements, oldTrialing] = await Promise.all([
      tx
        .delete(mrrMovements)
        .where(and(inArray(mrrMovements.customerId, customersReplaced), gte(mrrMovements.occurredAt, replacedFrom)))
        .returning(),
      tx
        .delete(trialingChanges)
        .where(and(inArray(trialingChanges.customerId, customersReplaced), gte(trialingChanges.occurredAt, replacedFrom)))
        .returning(),
    ]);
    rollupDeltas(oldMovements, oldTrialing, -1, deltas);
    // The stored ledger equals the computed one before `replacedFrom`: a customer who paid before it keeps that
    // cohort; one who did not had the cohort of the first replaced movement.
    const oldFirstPaid = new Map<string, Date>();
    for (const movement of [...oldMovements].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
      const key = `${movement.customerId}:${movement.currency}`;
      const kept = firstPaid.get(key);
      if (!oldFirstPaid.has(key)) oldFirstPaid.set(key, kept && kept < replacedFrom ? kept : movement.occurredAt);
    }
    cohortDeltas(
      oldMovements.map((movement) => ({ ...movement, cohort: utcMonth(oldFirstPaid.get(`${movement.customerId}:${movement.currency}`)!) })),
      -1,
      cohorts,
    );
  }
  await ledgerWrite(tx, { teamId, projectId }, [
    [insertMovements, movements],
    [insertTrialing, trialing],
    [upsertDaily, dailyRows(rollupDeltas(movements, trialing, 1, deltas).values())],
    [upsertCohorts, cohortRows(cohortDeltas(movements, 1, cohorts).values())],
  ]);
}
