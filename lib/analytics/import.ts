import { desc, eq, lt, notLike } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Database } from '@/db/client';
import { historyImports, projects, subscriptionHistory, subscriptions, type HistoryImport, type Project } from '@/db/schema';
import { syncFromStripe } from '@/lib/catalog/sync';
import { newId } from '@/lib/http/ids';
import { inProject } from '@/lib/projects/scope';
import { log } from '@/lib/log';
import { stripeForTeam } from '@/lib/stripe/connection';
import { callStripe } from '@/lib/stripe/errors';
import { ensureCustomer } from '@/lib/stripe/mirror/customers';
import { idOf } from '@/lib/stripe/mirror/object';
import { subscriptionHistoryRow, upsertSubscriptionFromStripe } from '@/lib/stripe/mirror/subscriptions';
import { appendSubscriptionHistoryRows, type NewHistoryRow } from './ledger';

/** Stripe keeps events for 30 days: older history is rebuilt from invoices. */
const eventRetentionSeconds = 30 * 86_400;
/** Ids of the history steps an import derives from invoices, unlike Stripe's `evt_` ids. */
const syntheticEventPrefix = 'evt_import_';

/** One state of a subscription in time, written as a history row through the live path. */
export interface HistoryStep {
  id: string;
  type: string;
  created: number;
  object: Stripe.Subscription;
  previousAttributes?: object;
}

type ReconstructedStatus = 'trialing' | 'active' | 'past_due' | 'canceled';

/**
 * The subscription's recurring items an invoice bills. A period's invoice bills them for the period; a plan
 * change invoiced at once (`proration_behavior: always_invoice`) bills only prorations, and its positive lines
 * are the new items for the rest of the period (the negative ones credit the old items).
 */
function billedItems(invoice: Stripe.Invoice, template: Stripe.Subscription, prices: Map<string, Stripe.Price>): Stripe.SubscriptionItem[] {
  const lines = invoice.lines.data.flatMap((line) => {
    const details = line.parent?.subscription_item_details;
    const price = prices.get(idOf(line.pricing?.price_details?.price) ?? '');
    return details?.subscription_item && price?.recurring ? [{ line, price, itemId: details.subscription_item, proration: details.proration }] : [];
  });
  const regular = lines.filter((line) => !line.proration);
  const billed = regular.length > 0 || invoice.billing_reason !== 'subscription_update' ? regular : lines.filter(({ line }) => line.amount > 0);
  return billed.map(({ line, price, itemId }) => ({
    ...(template.items.data.find((item) => item.id === itemId) ?? template.items.data[0]),
    id: itemId,
    price,
    quantity: line.quantity ?? 1,
    current_period_start: line.period.start,
    current_period_end: line.period.end,
  }));
}

const itemsKey = (items: Stripe.SubscriptionItem[]) =>
  items
    .map((item) => `${item.id}:${item.price.id}:${item.quantity ?? 1}`)
    .sort()
    .join(',');

/** The subscription as it was just before an event, from the event's object and its previous attributes. */
function stateBefore(event: Stripe.Event): Stripe.Subscription {
  const object = event.data.object as Stripe.Subscription;
  return { ...object, ...(event.data.previous_attributes as Partial<Stripe.Subscription> | undefined) };
}

/**
 * The history of one subscription: the states Stripe's retained events carry (from `windowStart` on), preceded
 * by the states its invoices prove for the time before (each subscription invoice line bills the recurring
 * price and quantity of its period, and a plan change invoiced at once dates the change; a failed first payment
 * attempt makes the subscription past due until the invoice is paid; `ended_at` ends it). A change between two
 * invoices older than the events shows at the next invoice: that is all Stripe still knows. Synthetic steps
 * have ids derived from the subscription and the time, so a re-run writes the same rows.
 */
export function reconstructHistory(
  current: Stripe.Subscription,
  invoices: Stripe.Invoice[],
  events: Stripe.Event[],
  prices: Map<string, Stripe.Price>,
  windowStart: number,
): HistoryStep[] {
  const recent: HistoryStep[] = events.map((event) => ({
    id: event.id,
    type: event.type,
    created: event.created,
    object: event.data.object as Stripe.Subscription,
    previousAttributes: event.data.previous_attributes,
  }));
  if (current.created >= windowStart || events.some((event) => event.type === 'customer.subscription.created')) return recent;

  // The shape and discounts of the subscription as it was when the retained events begin.
  const template = events.length > 0 ? stateBefore(events[0]) : current;
  const discounts = (current.discounts ?? []).filter((discount): discount is Stripe.Discount => typeof discount !== 'string');
  const steps: HistoryStep[] = [];
  let previous: { status: ReconstructedStatus; items: Stripe.SubscriptionItem[] } | null = null;
  const step = (at: number, status: ReconstructedStatus, items: Stripe.SubscriptionItem[], suffix: string) => {
    if (at >= windowStart) return;
    if (items.length === 0) items = previous?.items ?? template.items.data;
    if (previous && previous.status === status && itemsKey(previous.items) === itemsKey(items)) return;
    const changed: Record<string, unknown> = {};
    if (previous && previous.status !== status) changed.status = previous.status;
    if (previous && itemsKey(previous.items) !== itemsKey(items)) changed.items = { data: previous.items };
    const ended = status === 'canceled';
    steps.push({
      id: `${syntheticEventPrefix}${current.id}_${at}_${suffix}`,
      type: previous ? (ended ? 'customer.subscription.deleted' : 'customer.subscription.updated') : 'customer.subscription.created',
      created: at,
      object: {
        ...template,
        status,
        items: { ...template.items, data: items },
        discounts: discounts.filter((discount) => discount.start <= at && (discount.end === null || discount.end > at)),
        cancel_at_period_end: false,
        canceled_at: ended ? current.canceled_at : null,
        ended_at: ended ? current.ended_at : null,
        cancellation_details: ended ? current.cancellation_details : template.cancellation_details,
      },
      previousAttributes: previous ? changed : undefined,
    });
    previous = { status, items };
  };
  // Read through a function: TypeScript does not see `step` assign `previous`.
  const lastStatus = (): ReconstructedStatus | undefined => previous?.status;

  const chronological = [...invoices].sort((a, b) => a.created - b.created);
  const [first] = chronological;
  const trialing = current.trial_start !== null && current.trial_start === current.created;
  step(current.created, trialing ? 'trialing' : 'active', first ? billedItems(first, template, prices) : [], 'created');
  for (const invoice of chronological) {
    if (invoice === first && invoice.billing_reason === 'subscription_create') continue;
    if (invoice.status === 'void' || invoice.status === 'draft') continue;
    const items = billedItems(invoice, template, prices);
    step(invoice.created, lastStatus() === 'past_due' ? 'past_due' : 'active', items, invoice.id!);
    // The first attempt is made when the invoice is finalized; paid on it, the invoice counts one attempt.
    const { finalized_at: finalizedAt, paid_at: paidAt } = invoice.status_transitions ?? {};
    const failed = invoice.amount_due > 0 && invoice.attempted && (paidAt == null || invoice.attempt_count > 1);
    if (failed && finalizedAt) step(finalizedAt, 'past_due', items, `${invoice.id}_failed`);
    if (paidAt) step(paidAt, 'active', items, `${invoice.id}_paid`);
  }
  if (current.ended_at !== null) step(current.ended_at, 'canceled', [], 'ended');
  return [...steps, ...recent];
}

async function listAll<T>(page: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of page) all.push(item);
  return all;
}

/** The subscription events Stripe still holds, per subscription, oldest first. */
async function retainedEvents(stripe: Stripe, windowStart: number): Promise<Map<string, Stripe.Event[]>> {
  // Stripe lists newest first; among events of one second, the list order is the only order.
  const events = (await listAll(stripe.events.list({ type: 'customer.subscription.*', created: { gte: windowStart }, limit: 100 })))
    .filter((event) => event.created >= windowStart)
    .reverse();
  const bySubscription = new Map<string, Stripe.Event[]>();
  for (const event of events) {
    const id = (event.data.object as { id: string }).id;
    bySubscription.set(id, [...(bySubscription.get(id) ?? []), event]);
  }
  return bySubscription;
}

async function priceOf(stripe: Stripe, prices: Map<string, Stripe.Price>, id: string) {
  if (!prices.has(id)) prices.set(id, await stripe.prices.retrieve(id));
}

/** Whether a webhook (not an import) recorded a change of the subscription before `windowStart`. */
async function followedBefore(db: Database, project: Project, stripeSubscriptionId: string, windowStart: number): Promise<boolean> {
  const [row] = await db
    .select({ id: subscriptionHistory.id })
    .from(subscriptionHistory)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionHistory.subscriptionId))
    .where(
      inProject(
        subscriptionHistory,
        project,
        eq(subscriptions.stripeSubscriptionId, stripeSubscriptionId),
        lt(subscriptionHistory.occurredAt, new Date(windowStart * 1000)),
        notLike(subscriptionHistory.stripeEventId, `${syntheticEventPrefix}%`),
      ),
    )
    .limit(1);
  return Boolean(row);
}

async function updateImport(db: Database, id: string, values: Partial<typeof historyImports.$inferInsert>) {
  await db.update(historyImports).set(values).where(eq(historyImports.id, id));
}

/**
 * Reconstructs the history of the project's subscriptions in its team's Stripe account (see
 * `reconstructHistory`), writing every state through the same path as a webhook, so the analytics ledger
 * follows. Progress is kept on the job row; running it again gives the same history (rows are unique per
 * subscription and event id, real or synthetic).
 */
async function runImport(db: Database, project: Project, job: HistoryImport, now: number): Promise<HistoryImport> {
  try {
    const { stripe } = await stripeForTeam(db, project.teamId);
    const windowStart = now - eventRetentionSeconds;
    const events = await retainedEvents(stripe, windowStart);
    const listedAt = new Date();
    const subscriptions = await listAll(stripe.subscriptions.list({ status: 'all', limit: 100, expand: ['data.discounts'] }));
    const ours: Stripe.Subscription[] = [];
    for (const subscription of subscriptions) {
      const customer = await ensureCustomer(db, stripe, project.teamId, idOf(subscription.customer)!);
      if (customer?.projectId === project.id) ours.push(subscription);
    }
    await updateImport(db, job.id, { total: ours.length });
    const prices = new Map<string, Stripe.Price>();
    let historyRows = 0;
    for (const [index, subscription] of ours.entries()) {
      const invoices = await listAll(stripe.invoices.list({ subscription: subscription.id, limit: 100 }));
      for (const line of invoices.flatMap((invoice) => invoice.lines.data)) {
        const priceId = idOf(line.pricing?.price_details?.price);
        if (priceId) await priceOf(stripe, prices, priceId);
      }
      const recent = events.get(subscription.id) ?? [];
      // A subscription BillStack followed through webhooks before the events' window has its history already.
      const steps = (await followedBefore(db, project, subscription.id, windowStart))
        ? reconstructHistory(subscription, [], recent, prices, subscription.created)
        : reconstructHistory(subscription, invoices, recent, prices, windowStart);
      // Each reads what it needs from Stripe before its own short transaction (none may span a Stripe call).
      const row = await upsertSubscriptionFromStripe(db, stripe, project.teamId, subscription, listedAt);
      if (row) {
        const rows: NewHistoryRow[] = [];
        for (const step of steps) {
          const historyRow = await subscriptionHistoryRow(db, stripe, row, step);
          if (historyRow) rows.push(historyRow);
        }
        // One transaction for the subscription's steps: its customer's ledger is recomputed once, not per step.
        await db.transaction((tx) => appendSubscriptionHistoryRows(tx, rows));
      }
      historyRows += steps.length;
      await updateImport(db, job.id, { processed: index + 1, historyRows });
    }
    const [done] = await db
      .update(historyImports)
      .set({ status: 'succeeded', finishedAt: new Date() })
      .where(eq(historyImports.id, job.id))
      .returning();
    return done;
  } catch (error) {
    await failImport(db, job.id, error);
    throw error;
  }
}

async function failImport(db: Database, id: string, error: unknown) {
  await updateImport(db, id, { status: 'failed', error: error instanceof Error ? error.message : String(error), finishedAt: new Date() });
}

async function newImportJob(db: Database, project: Project): Promise<HistoryImport> {
  const [job] = await db.insert(historyImports).values({ id: newId('historyImport'), teamId: project.teamId, projectId: project.id }).returning();
  return job;
}

/** Imports the project's subscription history and waits for it; `now` is the wall clock (Stripe keeps 30 days of it). */
export async function importHistory(db: Database, project: Project, { now = Math.floor(Date.now() / 1000) } = {}): Promise<HistoryImport> {
  return callStripe(async () => runImport(db, project, await newImportJob(db, project), now));
}

/** `POST .../sync`: customers and catalog reconciled with Stripe, then the subscriptions' history imported. */
export async function syncWithHistory(db: Database, project: Project) {
  const sync = await syncFromStripe(db, project);
  return { sync, import: historyImportView(await importHistory(db, project)) };
}

/**
 * On connection: when the account already has subscriptions, their history is imported into each of the team's
 * projects in the background (the dashboard shows the job's progress), so the connection answers at once. A
 * failure is kept on the job row (or logged, when Stripe cannot even be asked), and `POST .../sync` runs the
 * import again.
 */
export async function startHistoryImports(db: Database, teamId: string): Promise<HistoryImport[]> {
  const { stripe } = await stripeForTeam(db, teamId);
  let existing: Stripe.ApiList<Stripe.Subscription>;
  try {
    existing = await stripe.subscriptions.list({ status: 'all', limit: 1 });
  } catch (error) {
    // The connection is made and stays: without this look the import waits for `POST .../sync`.
    log.error({ err: error, teamId }, 'could not look for subscriptions to import');
    return [];
  }
  if (existing.data.length === 0) return [];
  const jobs: HistoryImport[] = [];
  for (const project of await db.select().from(projects).where(eq(projects.teamId, teamId))) {
    const job = await newImportJob(db, project);
    jobs.push(job);
    const now = Math.floor(Date.now() / 1000);
    const background = async () => {
      await syncFromStripe(db, project);
      await runImport(db, project, job, now);
    };
    background()
      .catch((error) => failImport(db, job.id, error))
      .catch((error) => log.error({ err: error, importId: job.id, projectId: project.id }, 'history import failed'));
  }
  return jobs;
}

/** The project's latest history import, for the dashboard's progress indicator; null before the first. */
export async function latestHistoryImport(db: Database, project: Project): Promise<HistoryImport | null> {
  const [job] = await db
    .select()
    .from(historyImports)
    .where(inProject(historyImports, project))
    .orderBy(desc(historyImports.startedAt))
    .limit(1);
  return job ?? null;
}

/** `GET .../sync`: the latest import's progress, null before the first. */
export async function latestHistoryImportView(db: Database, project: Project) {
  const job = await latestHistoryImport(db, project);
  return job ? historyImportView(job) : null;
}

export function historyImportView(job: HistoryImport) {
  return {
    id: job.id,
    status: job.status,
    processed: job.processed,
    total: job.total,
    historyRows: job.historyRows,
    error: job.error,
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
