import { analyticsCohorts, analyticsDaily } from '@/db/schema';
import type { ChurnKind, MovementType } from './definitions';

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
/** Sums of nothing; a literal, as the figures make one per point of a range. */
export const zeroSums = (): DaySums => ({
  newMrr: 0,
  expansionMrr: 0,
  contractionMrr: 0,
  churnedMrr: 0,
  reactivationMrr: 0,
  voluntaryChurnedMrr: 0,
  delinquentChurnedMrr: 0,
  newCustomers: 0,
  reactivatedCustomers: 0,
  churnedCustomers: 0,
  trialingDelta: 0,
});

/**
 * What movements and trialing changes add to the daily rollup, per currency and day; `sign` -1 takes back
 * the rows a recomputation replaces.
 */
export function rollupDeltas(movements: Movement[], trialing: Trialing[], sign: 1 | -1 = 1, into = new Map<string, DayDelta>()) {
  const at = (currency: string, time: Date) => {
    const day = utcDay(time);
    const key = `${currency}:${day}`;
    let delta = into.get(key);
    if (!delta) into.set(key, (delta = { currency, day, ...zeroSums() }));
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

/** A delta row adds nothing when all its sums are zero: no rollup row is created for it. */
export const dailyRows = (deltas: Iterable<DayDelta>) => [...deltas].filter((delta) => daySumKeys.some((key) => delta[key] !== 0));

/** The daily rollup as the ledger's writes upsert it: the key's columns, and the sums added to a row already there. */
export const dailyUpsert = {
  key: ['currency', 'day'],
  sums: daySumKeys,
  target: [analyticsDaily.projectId, analyticsDaily.currency, analyticsDaily.day],
};

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

export const cohortRows = (deltas: Iterable<CohortDelta>) =>
  [...deltas].filter((delta) => delta.joined !== 0 || delta.payingDelta !== 0 || delta.mrrDelta !== 0);

/** The cohort rollup as the ledger's writes upsert it. */
export const cohortUpsert = {
  key: ['currency', 'cohort', 'month'],
  sums: ['joined', 'payingDelta', 'mrrDelta'],
  target: [analyticsCohorts.projectId, analyticsCohorts.currency, analyticsCohorts.cohort, analyticsCohorts.month],
};
