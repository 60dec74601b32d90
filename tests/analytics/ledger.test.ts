// The ledger on a generated history: rows appended through the webhook path's own insert
// (appendSubscriptionHistory), not through Stripe, so that 10,000 subscriptions stay fast.
import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import {
  analyticsCohorts,
  analyticsDaily,
  customers,
  mrrMovements,
  projects,
  subscriptionHistory,
  subscriptions,
  type Project,
  type SubscriptionDiscount,
  type SubscriptionItem,
} from '@/db/schema';
import { appendSubscriptionHistory, appendSubscriptionHistoryRows, type NewHistoryRow } from '@/lib/analytics/ledger';
import { churnReport, customersReport, mrrReport, rebuildAnalytics, retentionReport, summaryReport } from '@/lib/analytics/service';
import { newId } from '@/lib/http/ids';
import { createProject, createTeam, signUp } from '../helpers/fixtures';

const start = Date.UTC(2025, 0, 1) / 1000;
const year = 365 * 86_400;

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const plans: Omit<SubscriptionItem, 'stripeItemId' | 'priceId' | 'stripePriceId' | 'quantity' | 'currency'>[] = [
  { unitAmount: 2900, interval: 'month', intervalCount: 1 },
  { unitAmount: 9900, interval: 'month', intervalCount: 1 },
  { unitAmount: 29000, interval: 'year', intervalCount: 1 },
  { unitAmount: 7500, interval: 'month', intervalCount: 3 },
  { unitAmount: 700, interval: 'week', intervalCount: 1 },
];

interface Generated {
  customers: { id: string; created: Date }[];
  subscriptions: { id: string; customerId: string; currency: string; created: Date }[];
  rows: Omit<NewHistoryRow, 'teamId' | 'projectId'>[];
}

/**
 * `count` subscriptions over a year, a fifth of customers holding two, in usd or eur: created (some trialing),
 * then quantity changes, plan switches, discounts on and off, past due and back, cancellations (requested or
 * by failed payments) and re-subscriptions; several changes of one customer often fall on the same second.
 */
function generate(count: number, seed: number): Generated {
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const out: Generated = { customers: [], subscriptions: [], rows: [] };
  let customer: Generated['customers'][number] | undefined;
  for (let index = 0; index < count; index += 1) {
    const shared = customer && next() < 0.2;
    if (!shared) {
      customer = { id: newId('customer'), created: new Date((start + Math.floor(next() * year * 0.8)) * 1000) };
      out.customers.push(customer);
    }
    const owner = customer!;
    const currency = shared ? out.subscriptions.at(-1)!.currency : next() < 0.7 ? 'usd' : 'eur';
    const id = newId('subscription');
    // A second subscription of a customer starts on the same second as the customer's first change half the time.
    let time = shared && next() < 0.5 ? out.subscriptions.at(-1)!.created.getTime() / 1000 : owner.created.getTime() / 1000 + Math.floor(next() * 20) * 86_400;
    out.subscriptions.push({ id, customerId: owner.id, currency, created: new Date(time * 1000) });
    const item: SubscriptionItem = { stripeItemId: `si_${index}`, priceId: null, stripePriceId: `price_${index}`, quantity: 1, currency, usageType: 'licensed', ...pick(plans) };
    let state = { status: next() < 0.2 ? 'trialing' : 'active', items: [item], discounts: [] as SubscriptionDiscount[], cancellationReason: null as string | null };
    let event = 0;
    const record = (eventType: string) => {
      out.rows.push({
        subscriptionId: id,
        customerId: owner.id,
        stripeEventId: `evt_${index}_${event++}`,
        eventType,
        occurredAt: new Date(time * 1000),
        status: state.status,
        items: state.items,
        discount: state.discounts[0] ?? null,
        discounts: state.discounts,
        currency,
        cancelAtPeriodEnd: false,
        cancellationReason: state.cancellationReason,
        changedFields: ['status'],
      });
    };
    record('customer.subscription.created');
    const changes = Math.floor(next() * 5);
    for (let change = 0; change < changes && state.status !== 'canceled'; change += 1) {
      // Stripe's one-second clock cannot order two changes of one subscription in the same second: none here.
      time += 1 + Math.floor(next() * 60) * 86_400 + Math.floor(next() * 86_400);
      const roll = next();
      const items = state.items.map((line) => ({ ...line }));
      if (state.status === 'trialing') state = { ...state, status: next() < 0.8 ? 'active' : 'canceled' };
      else if (roll < 0.25) state = { ...state, items: items.map((line) => ({ ...line, quantity: 1 + Math.floor(next() * 5) })) };
      else if (roll < 0.4) state = { ...state, items: [{ ...items[0], ...pick(plans) }] };
      else if (roll < 0.5) state = { ...state, discounts: [{ couponId: 'co_p', percentOff: 25, amountOff: null, currency: null, duration: 'forever', end: null }] };
      else if (roll < 0.6)
        state = {
          ...state,
          discounts: [{ couponId: 'co_a', percentOff: null, amountOff: 500, currency, duration: 'repeating', end: new Date((time + 60 * 86_400) * 1000).toISOString() }],
        };
      else if (roll < 0.65) state = { ...state, discounts: [] };
      else if (roll < 0.75) state = { ...state, status: state.status === 'past_due' ? 'active' : 'past_due' };
      else if (roll < 0.85) state = { ...state, status: 'canceled', cancellationReason: 'cancellation_requested' };
      else if (roll < 0.9) state = { ...state, status: 'canceled', cancellationReason: 'payment_failed' };
      else state = { ...state, status: 'unpaid' };
      record(state.status === 'canceled' ? 'customer.subscription.deleted' : 'customer.subscription.updated');
    }
  }
  return out;
}

async function seedProject(db: Database, project: Project, generated: Generated) {
  const tenant = { teamId: project.teamId, projectId: project.id };
  for (let from = 0; from < generated.customers.length; from += 1000) {
    await db.insert(customers).values(
      generated.customers.slice(from, from + 1000).map((customer) => ({
        ...tenant,
        id: customer.id,
        stripeCustomerId: `cus_${customer.id}`,
        email: `${customer.id}@example.com`,
        stripeCreatedAt: customer.created,
      })),
    );
  }
  for (let from = 0; from < generated.subscriptions.length; from += 1000) {
    await db.insert(subscriptions).values(
      generated.subscriptions.slice(from, from + 1000).map((subscription) => ({
        ...tenant,
        id: subscription.id,
        customerId: subscription.customerId,
        stripeSubscriptionId: `sub_${subscription.id}`,
        status: 'active',
        items: [],
        currency: subscription.currency,
        createdAt: subscription.created,
      })),
    );
  }
}

/** Appends rows in the given order one by one, each in its own transaction, as webhooks are applied. */
async function append(db: Database, project: Project, rows: Generated['rows']) {
  for (const row of rows) await db.transaction((tx) => appendSubscriptionHistory(tx, { ...row, teamId: project.teamId, projectId: project.id }));
}

/**
 * Appends rows from `workers` concurrent transactions taking the next row in turn, as concurrent webhook
 * deliveries do (truly concurrent on a PostgreSQL server: the customers' locks and the pipelined reads decide).
 */
async function appendConcurrently(db: Database, project: Project, rows: Generated['rows'], workers: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < rows.length) {
        const row = rows[next++];
        await db.transaction((tx) => appendSubscriptionHistory(tx, { ...row, teamId: project.teamId, projectId: project.id }));
      }
    }),
  );
}

/** Appends rows in the given order, `size` at a time (as an import does), through the same path. */
async function appendInBatches(db: Database, project: Project, rows: Generated['rows'], size: number) {
  for (let from = 0; from < rows.length; from += size) {
    const batch = rows.slice(from, from + size).map((row) => ({ ...row, teamId: project.teamId, projectId: project.id }));
    await db.transaction((tx) => appendSubscriptionHistoryRows(tx, batch));
  }
}

const byTime = (a: Generated['rows'][number], b: Generated['rows'][number]) => a.occurredAt.getTime() - b.occurredAt.getTime();

/** Every figure a project answers over the generated year, in both currencies and all intervals. */
async function figures(db: Database, project: Project) {
  const result: unknown[] = [];
  for (const currency of ['usd', 'eur']) {
    for (const interval of ['day', 'week', 'month'] as const) {
      const query = { from: '2025-01-01', to: '2026-12-31', interval, currency };
      result.push(await mrrReport(db, project, query), await churnReport(db, project, query), await customersReport(db, project, query));
    }
    result.push(await retentionReport(db, project, { to: '2026-12-31', cohorts: 14, currency }), await summaryReport(db, project, { currency, to: '2026-12-31' }));
  }
  return result;
}

let db: Database;
let team: { id: string };
let owner: Awaited<ReturnType<typeof signUp>>;

async function freshProject(name: string): Promise<Project> {
  const { id } = await createProject(owner, team.id, name);
  const [project] = await db.select().from(projects).where(eq(projects.id, id));
  return project;
}

beforeAll(async () => {
  db = await getDb();
  owner = await signUp();
  team = await createTeam(owner, 'Ledger');
});

describe('the ledger of 10,000 generated subscriptions', () => {
  let project: Project;
  let generated: Generated;

  beforeAll(async () => {
    project = await freshProject('Generated');
    generated = generate(Number(process.env.LEDGER_SUBSCRIPTIONS ?? 10_000), 11);
    await seedProject(db, project, generated);
    await appendInBatches(db, project, [...generated.rows].sort(byTime), 250);
  }, 600_000);

  it('has movements that sum to the MRR change of every point, per currency and interval', async () => {
    for (const currency of ['usd', 'eur']) {
      for (const interval of ['day', 'week', 'month'] as const) {
        const report = await mrrReport(db, project, { from: '2025-01-01', to: '2026-12-31', interval, currency });
        let previous = 0;
        for (const point of report.series) {
          expect(point.mrr).toBe(previous + point.new + point.expansion + point.contraction + point.churned + point.reactivation);
          for (const gain of [point.new, point.expansion, point.reactivation]) expect(gain).toBeGreaterThanOrEqual(0);
          for (const loss of [point.contraction, point.churned]) expect(loss).toBeLessThanOrEqual(0);
          previous = point.mrr;
        }
        // The current MRR is each subscription's latest state, summed.
        const latest = new Map<string, number>();
        const rows = await db
          .select({ subscriptionId: subscriptionHistory.subscriptionId, mrr: subscriptionHistory.mrr, currency: subscriptionHistory.currency })
          .from(subscriptionHistory)
          .where(eq(subscriptionHistory.projectId, project.id))
          .orderBy(asc(subscriptionHistory.occurredAt), asc(subscriptionHistory.id));
        for (const row of rows) if (row.currency === currency) latest.set(row.subscriptionId, row.mrr);
        const expected = [...latest.values()].reduce((sum, value) => sum + value, 0);
        expect(report.current).toBe(expected);
        expect(report.series.at(-1)!.mrr).toBe(expected);
      }
    }
    const [{ movements }] = await db.select({ movements: sql<number>`count(*)::int` }).from(mrrMovements).where(eq(mrrMovements.projectId, project.id));
    expect(movements).toBeGreaterThan(15_000);
  });

  it('serves retention from the cohort rollup with the figures the ledger gives', async () => {
    for (const currency of ['usd', 'eur']) {
      // Every month of the generated history (from January 2025), so that every customer is in a cohort.
      const report = await retentionReport(db, project, { to: '2026-12-31', cohorts: 24, currency });
      const months = report.cohorts.map((cohort) => cohort.month);
      // From the ledger: each customer's cohort is the month of its first movement; its MRR at a month's end is
      // the MRR after its last movement up to then.
      const movements = await db
        .select({ customerId: mrrMovements.customerId, occurredAt: mrrMovements.occurredAt, mrrAfter: mrrMovements.mrrAfter })
        .from(mrrMovements)
        .where(and(eq(mrrMovements.projectId, project.id), eq(mrrMovements.currency, currency)))
        .orderBy(asc(mrrMovements.occurredAt));
      const byCustomer = new Map<string, { cohort: string; monthly: Map<string, number> }>();
      for (const movement of movements) {
        const month = movement.occurredAt.toISOString().slice(0, 7);
        const customer = byCustomer.get(movement.customerId) ?? { cohort: month, monthly: new Map<string, number>() };
        customer.monthly.set(month, movement.mrrAfter);
        byCustomer.set(movement.customerId, customer);
      }
      const expected = months.map((month, index) => {
        const members = [...byCustomer.values()].filter((customer) => customer.cohort === month);
        const mrrAt = (customer: (typeof members)[number], k: number) =>
          months
            .slice(0, index + k + 1)
            .map((at) => customer.monthly.get(at))
            .findLast((mrr) => mrr !== undefined) ?? 0;
        const total = (k: number) => members.reduce((sum, customer) => sum + mrrAt(customer, k), 0);
        const span = months.length - index;
        return {
          month,
          customers: members.length,
          mrr: total(0),
          logo: Array.from({ length: span }, (_, k) => (members.length ? members.filter((customer) => mrrAt(customer, k) > 0).length / members.length : null)),
          revenue: Array.from({ length: span }, (_, k) => (total(0) ? total(k) / total(0) : null)),
        };
      });
      expect(report.cohorts).toEqual(expected);
      expect(expected.reduce((sum, cohort) => sum + cohort.customers, 0)).toBe(byCustomer.size);
    }
  });

  it('rebuilds to exactly the incremental figures', async () => {
    const incremental = await figures(db, project);
    const ledger = async () =>
      db
        .select({ customerId: mrrMovements.customerId, currency: mrrMovements.currency, occurredAt: mrrMovements.occurredAt, type: mrrMovements.type, amount: mrrMovements.amount, churnKind: mrrMovements.churnKind })
        .from(mrrMovements)
        .where(eq(mrrMovements.projectId, project.id))
        .orderBy(asc(mrrMovements.customerId), asc(mrrMovements.currency), asc(mrrMovements.occurredAt));
    const rollups = async () =>
      (await db.select().from(analyticsDaily).where(eq(analyticsDaily.projectId, project.id)).orderBy(asc(analyticsDaily.currency), asc(analyticsDaily.day))).filter(
        (row) => row.newMrr || row.expansionMrr || row.contractionMrr || row.churnedMrr || row.reactivationMrr || row.newCustomers || row.reactivatedCustomers || row.churnedCustomers || row.trialingDelta,
      );
    const cohorts = async () =>
      (
        await db
          .select()
          .from(analyticsCohorts)
          .where(eq(analyticsCohorts.projectId, project.id))
          .orderBy(asc(analyticsCohorts.currency), asc(analyticsCohorts.cohort), asc(analyticsCohorts.month))
      ).filter((row) => row.joined || row.payingDelta || row.mrrDelta);
    const before = { ledger: await ledger(), rollups: await rollups(), cohorts: await cohorts() };
    await rebuildAnalytics(db, project);
    expect(await ledger()).toEqual(before.ledger);
    expect(await rollups()).toEqual(before.rollups);
    expect(await cohorts()).toEqual(before.cohorts);
    expect(await figures(db, project)).toEqual(incremental);
  }, 300_000);
});

describe('events delivered shuffled, duplicated and concurrently', () => {
  it('give the same figures as in order', async () => {
    const generated = generate(300, 29);
    const inOrder = await freshProject('In order');
    await seedProject(db, inOrder, generated);
    await append(db, inOrder, [...generated.rows].sort(byTime));
    // The same customers and subscriptions in a second project (fresh ids), the rows shuffled and a third duplicated.
    const ids = new Map<string, string>();
    const renamed: Generated = {
      customers: generated.customers.map((customer) => ({ ...customer, id: ids.set(customer.id, newId('customer')).get(customer.id)! })),
      subscriptions: generated.subscriptions.map((subscription) => ({
        ...subscription,
        id: ids.set(subscription.id, newId('subscription')).get(subscription.id)!,
        customerId: ids.get(subscription.customerId)!,
      })),
      rows: generated.rows.map((row) => ({ ...row, subscriptionId: ids.get(row.subscriptionId)!, customerId: ids.get(row.customerId)! })),
    };
    const shuffledProject = await freshProject('Shuffled');
    await seedProject(db, shuffledProject, renamed);
    const next = random(5);
    const delivered = [...renamed.rows, ...renamed.rows.filter(() => next() < 0.33)];
    for (let index = delivered.length - 1; index > 0; index -= 1) {
      const other = Math.floor(next() * (index + 1));
      [delivered[index], delivered[other]] = [delivered[other], delivered[index]];
    }
    await appendConcurrently(db, shuffledProject, delivered, 6);
    const [{ rows }] = await db
      .select({ rows: sql<number>`count(*)::int` })
      .from(subscriptionHistory)
      .where(and(eq(subscriptionHistory.projectId, shuffledProject.id)));
    expect(rows).toBe(generated.rows.length);
    expect(await figures(db, shuffledProject)).toEqual(await figures(db, inOrder));
  }, 300_000);
});
