import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { analyticsCohorts, analyticsDaily } from '@/db/schema';
import type { ChurnKind, MovementType } from './definitions';

type Tenant = { teamId: string; projectId: string };
type Movement = { currency: string; occurredAt: Date; type: MovementType; amount: number; churnKind?: ChurnKind | null };
type Trialing = { currency: string; occurredAt: Date; delta: number };

export const daySumKeys = [
  'newMrr',
  'expansionMrr',
  'contractionMrr',
  'churnedMrr',
  'reactivationMrr',
  'voluntaryChurnedMrr',
  'delinquentChurnedMrr',
  'newCustomers',
  'reactivatedCustomers',
  'churnedCustomers',
  'trialingDelta',
] as const;
export type DaySums = Record<(typeof daySumKeys)[number], number>;
export type DayDelta = DaySums & { currency: string; day: string };

const mrrColumn = {
  new: 'newMrr',
  expansion: 'expansionMrr',
  contraction: 'contractionMrr',
  churned: 'churnedMrr',
  reactivation: 'reactivationMrr',
} as const;
const customerColumn = { new: 'newCustomers', reactivation: 'reactivatedCustomers', churned: 'churnedCustomers' } as const;

export const utcDay = (time: Date) => time.toISOString().slice(0, 10);
const zero = (): DaySums => Object.fromEntries(daySumKeys.map((key) => [key, 0])) as DaySums;

/**
 * What movements and trialing changes add to the daily rollup, per currency and day; `sign` -1 takes back
 * the rows a recomputation replaces.
 */
export function rollupDeltas(movements: Movement[], trialing: Trialing[], sign: 1 | -1 = 1, into = new Map<string, DayDelta>()) {
  const at = (currency: string, time: Date) => {
    const day = utcDay(time);
    const key = `${currency}:${day}`;
    let delta = into.get(key);
    if (!delta) into.set(key, (delta = { currency, day, ...zero() }));
    return delta;
  };
  for (const movement of movements) {
    const delta = at(movement.currency, movement.occurredAt);
    delta[mrrColumn[movement.type]] += sign * movement.amount;
    if (movement.type in customerColumn) delta[customerColumn[movement.type as keyof typeof customerColumn]] += sign;
    if (movement.churnKind === 'voluntary') delta.voluntaryChurnedMrr += sign * movement.amount;
    if (movement.churnKind === 'delinquent') delta.delinquentChurnedMrr += sign * movement.amount;
  }
  for (const change of trialing) at(change.currency, change.occurredAt).trialingDelta += sign * change.delta;
  return into;
}

// What an upsert adds to an existing row: built once, not per event.
const addDailySums = Object.fromEntries(daySumKeys.map((key) => [key, sql`${analyticsDaily[key]} + excluded.${sql.identifier(analyticsDaily[key].name)}`]));
const addCohortSums = {
  joined: sql`${analyticsCohorts.joined} + excluded.joined`,
  payingDelta: sql`${analyticsCohorts.payingDelta} + excluded.paying_delta`,
  mrrDelta: sql`${analyticsCohorts.mrrDelta} + excluded.mrr_delta`,
};

/** The statements adding the deltas to the project's daily rows (creating them), for the caller to run. */
export function rollupStatements(tx: Executor, tenant: Tenant, deltas: Iterable<DayDelta>) {
  const rows = [...deltas].filter((delta) => daySumKeys.some((key) => delta[key] !== 0)).map((delta) => ({ ...tenant, ...delta }));
  const statements = [];
  for (let start = 0; start < rows.length; start += 1000) {
    statements.push(
      tx
        .insert(analyticsDaily)
        .values(rows.slice(start, start + 1000))
        .onConflictDoUpdate({
          target: [analyticsDaily.projectId, analyticsDaily.currency, analyticsDaily.day],
          set: addDailySums,
        }),
    );
  }
  return statements;
}

/** A movement with the month its customer first paid in the movement's currency. */
export type CohortMovement = Movement & { cohort: string; mrrBefore: number; mrrAfter: number };
export type CohortDelta = { currency: string; cohort: string; month: string; joined: number; payingDelta: number; mrrDelta: number };

export const utcMonth = (time: Date) => `${time.toISOString().slice(0, 7)}-01`;

/** What movements add to the cohort rollup, per currency, cohort and month; `sign` -1 takes back replaced rows. */
export function cohortDeltas(movements: CohortMovement[], sign: 1 | -1 = 1, into = new Map<string, CohortDelta>()) {
  for (const movement of movements) {
    const month = utcMonth(movement.occurredAt);
    const key = `${movement.currency}:${movement.cohort}:${month}`;
    let delta = into.get(key);
    if (!delta) into.set(key, (delta = { currency: movement.currency, cohort: movement.cohort, month, joined: 0, payingDelta: 0, mrrDelta: 0 }));
    delta.joined += movement.type === 'new' ? sign : 0;
    delta.payingDelta += sign * (Number(movement.mrrAfter > 0) - Number(movement.mrrBefore > 0));
    delta.mrrDelta += sign * movement.amount;
  }
  return into;
}

/** The statements adding the cohort deltas to the project's cohort rows (creating them), for the caller to run. */
export function cohortStatements(tx: Executor, tenant: Tenant, deltas: Iterable<CohortDelta>) {
  const rows = [...deltas].filter((delta) => delta.joined !== 0 || delta.payingDelta !== 0 || delta.mrrDelta !== 0).map((delta) => ({ ...tenant, ...delta }));
  const statements = [];
  for (let start = 0; start < rows.length; start += 1000) {
    statements.push(
      tx
        .insert(analyticsCohorts)
        .values(rows.slice(start, start + 1000))
        .onConflictDoUpdate({
          target: [analyticsCohorts.projectId, analyticsCohorts.currency, analyticsCohorts.cohort, analyticsCohorts.month],
          set: addCohortSums,
        }),
    );
  }
  return statements;
}
