// History import: the same Stripe story played on two accounts at the same simulated times (test clocks).
// Team A is connected from the start and follows it through delivered webhooks; team B connects at the end
// and imports. Old changes are ones its invoices prove (sign-ups, trial conversion, a plan change invoiced at
// once, cancellations); a plan switch and a cancellation fall inside the 30 days of events Stripe still holds.
import { asc, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { customers, historyImports, projects, subscriptionHistory } from '@/db/schema';
import { importHistory, latestHistoryImport } from '@/lib/analytics/import';
import { churnReport, customersReport, mrrReport, rebuildAnalytics, retentionReport, summaryReport } from '@/lib/analytics/service';
import { stripeClient } from '@/lib/stripe/client';
import * as syncRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/sync/route';
import { createProject, createTeam, signUp, uniqueEmail, type TestUser } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { connectTeam, newStripeKey, useStripeEmulator } from '../helpers/stripe';
import { useWebhookBridge } from '../helpers/webhook-bridge';

const emulator = useStripeEmulator();
useWebhookBridge();

const day = 86_400;
const now = Math.floor(Date.now() / 1000);
// Midnight UTC about five months ago: months before the 30 days of events.
const start = Math.floor((now - 150 * day) / day) * day;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const addMonths = (seconds: number, months: number) => {
  const date = new Date(seconds * 1000);
  date.setUTCMonth(date.getUTCMonth() + months);
  return Math.floor(date.getTime() / 1000);
};
const names = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hank'] as const;
const emails = Object.fromEntries(names.map((name) => [name, uniqueEmail(name)])) as Record<(typeof names)[number], string>;

/** The story, identical on every account it is played on. */
async function playStory(stripe: Stripe) {
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
  const advance = (frozen_time: number) => stripe.testHelpers.testClocks.advance(clock.id, { frozen_time });
  const product = await stripe.products.create({ name: 'App' });
  const price = (unit_amount: number, currency: string, interval: 'month' | 'year', interval_count = 1) =>
    stripe.prices.create({ product: product.id, unit_amount, currency, recurring: { interval, interval_count } });
  const basic = await price(1000, 'usd', 'month');
  const pro = await price(3000, 'usd', 'month');
  const yearly = await price(12000, 'usd', 'year');
  const quarterly = await price(2700, 'eur', 'month', 3);
  const customer: Record<string, Stripe.Customer> = {};
  for (const name of names) {
    customer[name] = await stripe.customers.create({
      email: emails[name],
      test_clock: clock.id,
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
  }
  const subscribe = (name: string, priceId: string, extra: Partial<Stripe.SubscriptionCreateParams> = {}) =>
    stripe.subscriptions.create({ customer: customer[name].id, items: [{ price: priceId }], ...extra });

  const alice = await subscribe('alice', basic.id);
  const bob = await subscribe('bob', pro.id, { trial_period_days: 14 });
  const carol = await subscribe('carol', basic.id);
  const dave = await subscribe('dave', basic.id);
  const gina = await subscribe('gina', basic.id);
  await subscribe('hank', basic.id);
  await advance(start + 10 * day);
  await subscribe('erin', yearly.id);
  // Hank's card fails from his first renewal on: past due, then canceled when dunning gives up.
  await stripe.customers.update(customer.hank.id, { invoice_settings: { default_payment_method: 'pm_card_chargeCustomerFail' } });
  await advance(start + 40 * day);
  await stripe.subscriptions.cancel(carol.id);
  await advance(start + 45 * day);
  await stripe.subscriptions.update(dave.id, { cancel_at_period_end: true });
  await advance(start + 50 * day);
  // Invoiced at once: the prorations on that invoice date the change.
  await stripe.subscriptions.update(gina.id, {
    items: [{ id: gina.items.data[0].id, price: pro.id, quantity: 2 }],
    proration_behavior: 'always_invoice',
  });
  await advance(now - 20 * day);
  await stripe.subscriptions.update(alice.id, { items: [{ id: alice.items.data[0].id, price: pro.id }] });
  await subscribe('frank', quarterly.id);
  await advance(now - 10 * day);
  await stripe.subscriptions.cancel(bob.id);
  await advance(now - 3600);
}

/** Each customer's MRR changes, from the project's history rows: [time, mrr, currency] per change. */
async function mrrChanges(projectId: string) {
  const db = await getDb();
  const rows = await db
    .select({ email: customers.email, occurredAt: subscriptionHistory.occurredAt, mrr: subscriptionHistory.mrr, currency: subscriptionHistory.currency })
    .from(subscriptionHistory)
    .innerJoin(customers, eq(customers.id, subscriptionHistory.customerId))
    .where(eq(subscriptionHistory.projectId, projectId))
    .orderBy(asc(subscriptionHistory.occurredAt), asc(subscriptionHistory.id));
  const changes: Record<string, [string, number, string][]> = {};
  for (const row of rows) {
    const name = names.find((candidate) => emails[candidate] === row.email)!;
    const list = (changes[name] ??= []);
    const last = list.at(-1)?.[1] ?? 0;
    if (row.mrr !== last) list.push([row.occurredAt.toISOString(), row.mrr, row.currency]);
  }
  return changes;
}

const historyCount = async (projectId: string) =>
  (await (await getDb()).select({ id: subscriptionHistory.id }).from(subscriptionHistory).where(eq(subscriptionHistory.projectId, projectId))).length;

let liveProjectId: string;
let importOwner: TestUser;
let importedProjectId: string;

beforeAll(async () => {
  const liveOwner = await signUp();
  const liveTeam = await createTeam(liveOwner, 'Connected from the start');
  liveProjectId = (await createProject(liveOwner, liveTeam.id)).id;
  const live = await connectTeam(liveOwner, liveTeam.id);
  await playStory(live.stripe);
  await emulator().idle();

  importOwner = await signUp();
  const importTeam = await createTeam(importOwner, 'Connected later');
  importedProjectId = (await createProject(importOwner, importTeam.id)).id;
  const secretKey = newStripeKey();
  await playStory(stripeClient(secretKey));
  await connectTeam(importOwner, importTeam.id, secretKey);
}, 120_000);

/** Every figure of the analytics endpoints over the story, by day and by month, in both currencies. */
async function figures(projectId: string) {
  const db = await getDb();
  const project = await projectRow(projectId);
  const range = { from: iso(start).slice(0, 10), to: iso(now).slice(0, 10) };
  const all: Record<string, unknown> = {};
  for (const currency of ['usd', 'eur']) {
    for (const interval of ['day', 'month'] as const) {
      const query = { ...range, interval, currency };
      all[`${currency}/${interval}`] = {
        mrr: await mrrReport(db, project, query),
        churn: await churnReport(db, project, query),
        customers: await customersReport(db, project, query),
      };
    }
    all[`${currency}/retention`] = await retentionReport(db, project, { ...range, currency, cohorts: 6 });
    all[`${currency}/summary`] = await summaryReport(db, project, { currency, to: range.to });
  }
  return all;
}

/** The project's latest import once it is no longer running. */
async function settledImport(projectId: string) {
  const db = await getDb();
  for (let attempt = 0; attempt < 300; attempt++) {
    const job = await latestHistoryImport(db, await projectRow(projectId));
    if (job && job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the import of ${projectId} did not finish`);
}

async function projectRow(id: string) {
  const [project] = await (await getDb()).select().from(projects).where(eq(projects.id, id));
  return project;
}

describe('history import', () => {
  it('reconstructs the months before the connection: the same MRR changes as a project connected from the start', async () => {
    const db = await getDb();
    const expected = {
      alice: [[iso(start), 1000, 'usd'], [iso(now - 20 * day), 3000, 'usd']],
      bob: [[iso(start + 14 * day), 3000, 'usd'], [iso(now - 10 * day), 0, 'usd']],
      carol: [[iso(start), 1000, 'usd'], [iso(start + 40 * day), 0, 'usd']],
      dave: [[iso(start), 1000, 'usd'], [iso(addMonths(start, 2)), 0, 'usd']],
      erin: [[iso(start + 10 * day), 1000, 'usd']],
      frank: [[iso(now - 20 * day), 900, 'eur']],
      gina: [[iso(start), 1000, 'usd'], [iso(start + 50 * day), 6000, 'usd']],
    };
    const live = await mrrChanges(liveProjectId);
    // Dunning ends Hank's subscription after the last retry of his first renewal.
    expect(live.hank).toEqual([[iso(start), 1000, 'usd'], [expect.any(String), 0, 'usd']]);
    expect(Date.parse(live.hank[1][0]) / 1000 - addMonths(start, 1)).toBeGreaterThanOrEqual(15 * day);
    expect({ ...live, hank: undefined }).toEqual({ ...expected, hank: undefined });

    // Connecting started the import in the background.
    const job = await settledImport(importedProjectId);
    expect(job).toMatchObject({ status: 'succeeded', processed: 8, total: 8, error: null });
    expect(await mrrChanges(importedProjectId)).toEqual(live);

    const liveFigures = await figures(liveProjectId);
    expect(await figures(importedProjectId)).toEqual(liveFigures);
    expect(liveFigures['usd/summary']).toMatchObject({ mrr: 10000, arr: 120000, payingCustomers: 3, arpa: 3333 });
    expect(liveFigures['eur/summary']).toMatchObject({ mrr: 900, payingCustomers: 1 });
    expect((liveFigures['usd/month'] as { mrr: { series: { mrr: number }[] } }).mrr.series.map((point) => point.mrr).at(-1)).toBe(10000);
    // The incremental ledger the import wrote is the one a rebuild computes.
    await rebuildAnalytics(db, await projectRow(importedProjectId));
    expect(await figures(importedProjectId)).toEqual(liveFigures);
  });

  it('gives the same result when run again, and keeps each run as a job row', async () => {
    const db = await getDb();
    const project = await projectRow(importedProjectId);
    const rows = await historyCount(importedProjectId);
    const changes = await mrrChanges(importedProjectId);
    const before = await figures(importedProjectId);
    const res = await call(syncRoute.POST, `/api/billstack/teams/${project.teamId}/projects/${project.id}/sync`, {
      method: 'POST',
      params: { teamId: project.teamId, projectId: project.id },
      headers: importOwner.headers,
    });
    expect(res.status).toBe(200);
    expect(res.body.import).toEqual({
      id: expect.stringMatching(/^imp_/),
      status: 'succeeded',
      processed: 8,
      total: 8,
      historyRows: expect.any(Number),
      error: null,
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    expect(await historyCount(importedProjectId)).toBe(rows);
    expect(await mrrChanges(importedProjectId)).toEqual(changes);
    expect(await figures(importedProjectId)).toEqual(before);
    expect((await latestHistoryImport(db, project))?.id).toBe(res.body.import.id);
    expect(await db.select({ id: historyImports.id }).from(historyImports).where(eq(historyImports.projectId, importedProjectId))).toHaveLength(2);
  });

  it('adds nothing to a project that followed the account through webhooks', async () => {
    const rows = await historyCount(liveProjectId);
    const changes = await mrrChanges(liveProjectId);
    await importHistory(await getDb(), await projectRow(liveProjectId), { now });
    expect(await mrrChanges(liveProjectId)).toEqual(changes);
    expect(await historyCount(liveProjectId)).toBe(rows);
  });
});
