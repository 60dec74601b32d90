import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { mrrMovements, subscriptionHistory, trialingChanges, type SubscriptionHistoryRow } from '@/db/schema';
import { churnKind, monthlyRecurringRevenue, movementType } from './definitions';
import { addToRollups, rollupDeltas } from './rollups';

type Tenant = { teamId: string; projectId: string };
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
 * already recorded (the same event delivered again) changes nothing. The webhook path and the history
 * import (with a synthetic event id per reconstructed state) both append through here.
 */
export async function appendSubscriptionHistory(tx: Executor, row: NewHistoryRow): Promise<boolean> {
  const mrr = monthlyRecurringRevenue({ status: row.status, items: row.items, discounts: row.discounts ?? [] }, row.occurredAt);
  const [inserted] = await tx
    .insert(subscriptionHistory)
    .values({ ...row, mrr })
    .onConflictDoNothing()
    .returning({ id: subscriptionHistory.id });
  if (!inserted) return false;
  await recomputeCustomerLedger(tx, row, row.customerId, row.occurredAt);
  return true;
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
  subscriptionId: subscriptionHistory.subscriptionId,
  eventType: subscriptionHistory.eventType,
  stripeEventId: subscriptionHistory.stripeEventId,
  occurredAt: subscriptionHistory.occurredAt,
  status: subscriptionHistory.status,
  currency: subscriptionHistory.currency,
  mrr: subscriptionHistory.mrr,
  cancellationReason: subscriptionHistory.cancellationReason,
};

/**
 * Recomputes a customer's movements and trialing changes from `from` on (a row applied late takes its place
 * in time and moves what follows), replacing the stored ones and correcting the rollups by the difference.
 * Serialised per customer, as two subscriptions of one customer can change at once.
 */
export async function recomputeCustomerLedger(tx: Executor, tenant: Tenant, customerId: string, from: Date) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`analytics:${customerId}`}))`);
  const rows = await tx
    .select(ledgerColumns)
    .from(subscriptionHistory)
    .where(and(eq(subscriptionHistory.teamId, tenant.teamId), eq(subscriptionHistory.customerId, customerId)))
    .orderBy(asc(subscriptionHistory.occurredAt));
  const computed = customerLedger(customerId, rows);
  const since = (row: { occurredAt: Date }) => row.occurredAt.getTime() >= from.getTime();
  const movements = computed.movements.filter(since);
  const trialing = computed.trialing.filter(since);
  const movementsFrom = and(eq(mrrMovements.customerId, customerId), gte(mrrMovements.occurredAt, from));
  const trialingFrom = and(eq(trialingChanges.customerId, customerId), gte(trialingChanges.occurredAt, from));
  const oldMovements = await tx.delete(mrrMovements).where(movementsFrom).returning();
  const oldTrialing = await tx.delete(trialingChanges).where(trialingFrom).returning();
  if (movements.length > 0) await tx.insert(mrrMovements).values(movements.map((movement) => ({ ...tenantOf(tenant), ...movement })));
  if (trialing.length > 0) await tx.insert(trialingChanges).values(trialing.map((change) => ({ ...tenantOf(tenant), ...change })));
  const deltas = rollupDeltas(oldMovements, oldTrialing, -1);
  await addToRollups(tx, tenantOf(tenant), rollupDeltas(movements, trialing, 1, deltas).values());
}

const tenantOf = ({ teamId, projectId }: Tenant) => ({ teamId, projectId });
