import { and, count, eq, exists, gte, ilike, inArray, isNull, lt, not, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type Stripe from 'stripe';
import { isUniqueViolation, type Executor, type Transaction } from '@/db/client';
import { preparedFor } from '@/db/prepared';
import { customers, subscriptions, type Customer, type Project } from '@/db/schema';
import { withAudit, type ActorContext } from '@/lib/audit/service';
import { allRows, toCsv, type CsvColumn } from '@/lib/http/csv';
import { Conflict, NotFound } from '@/lib/http/errors';
import { isId } from '@/lib/http/ids';
import { totalOfPage, totalOver } from '@/lib/http/pagination';
import { orderFor } from '@/lib/http/sort';
import { isoTime } from '@/lib/http/respond';
import { emitWebhookEvent } from '@/lib/outgoing-webhooks/events';
import { inProject } from '@/lib/projects/scope';
import { liveSubscriptionStatuses } from '@/lib/subscriptions/schemas';
import { stripeForTeam } from '@/lib/stripe/connection';
import { callStripe, unlessMissing } from '@/lib/stripe/errors';
import { clientMetadata, createInStripe, idForCreate, taggedMetadata } from '@/lib/stripe/metadata';
import type { CreateCustomerBody, ExportCustomersQuery, ListCustomersQuery, UpdateCustomerBody } from './schemas';

export function customerView(customer: Customer) {
  return {
    id: customer.id,
    email: customer.email,
    name: customer.name,
    stripeCustomerId: customer.stripeCustomerId,
    metadata: customer.metadata,
    createdAt: isoTime(customer.createdAt),
    updatedAt: isoTime(customer.updatedAt),
  };
}

/** The project's customers not deleted, with further conditions. */
export const live = (project: Project, ...conditions: Parameters<typeof inProject>[2][]) =>
  inProject(customers, project, isNull(customers.deletedAt), ...conditions);
export const sameEmail = (email: string) => sql`lower(${customers.email}) = lower(${email})`;

/** The project's live customer with this email, matched case-insensitively. */
export async function findCustomerByEmail(db: Executor, project: Project, email: string): Promise<Customer | null> {
  const [customer] = await db.select().from(customers).where(live(project, sameEmail(email))).limit(1);
  return customer ?? null;
}

const emailTaken = (email: string) => new Conflict(`A customer with email ${email} already exists in this project`, 'email_taken');

async function assertEmailFree(db: Executor, project: Project, email: string, exceptId?: string) {
  const taken = await findCustomerByEmail(db, project, email);
  if (taken && taken.id !== exceptId) throw emailTaken(email);
}

const dayMs = 86_400_000;

/** Customers with a subscription still running (liveSubscriptionStatuses). */
function withLiveSubscription(db: Executor) {
  return exists(
    db
      .select({ one: sql`1` })
      .from(subscriptions)
      .where(and(eq(subscriptions.customerId, customers.id), inArray(subscriptions.status, [...liveSubscriptionStatuses]))),
  );
}

type ListSort = ListCustomersQuery['sort'];

function selectPage(db: Executor, where: SQL, sort: ListSort, limit: number | Placeholder, offset: number | Placeholder) {
  return (
    db
      .select({ customer: customers, total: totalOver })
      .from(customers)
      .where(where)
      // Emails compare case-insensitively, as they match (sameEmail).
      .orderBy(...orderFor(sort, { created: customers.createdAt, email: sql`lower(${customers.email})` }, customers.id))
      .limit(limit)
      .offset(offset)
  );
}

const preparedPage = (sort: ListSort) =>
  preparedFor((db) =>
    selectPage(
      db,
      and(eq(customers.teamId, sql.placeholder('teamId')), eq(customers.projectId, sql.placeholder('projectId')), isNull(customers.deletedAt))!,
      sort,
      sql.placeholder('limit'),
      sql.placeholder('offset'),
    ).prepare(`customers_page_${sort}`),
  );
/** The list as it is mostly asked for, with no filter: one prepared statement per order. */
const unfilteredPages = new Map<ListSort, ReturnType<typeof preparedPage>>();

function unfilteredPage(db: Executor, project: Project, { sort, limit, offset }: ListCustomersQuery) {
  let page = unfilteredPages.get(sort);
  if (!page) unfilteredPages.set(sort, (page = preparedPage(sort)));
  return page(db).execute({ teamId: project.teamId, projectId: project.id, limit, offset });
}

export async function listCustomers(db: Executor, project: Project, query: ListCustomersQuery) {
  const { limit, offset, sort, email, q, hasActiveSubscription, createdFrom, createdTo } = query;
  const filters = [
    email === undefined ? undefined : sameEmail(email),
    q === undefined ? undefined : or(ilike(customers.email, `%${escapeLike(q)}%`), ilike(customers.name, `%${escapeLike(q)}%`)),
    hasActiveSubscription === undefined ? undefined : hasActiveSubscription ? withLiveSubscription(db) : not(withLiveSubscription(db)),
    createdFrom === undefined ? undefined : gte(customers.createdAt, new Date(`${createdFrom}T00:00:00Z`)),
    createdTo === undefined ? undefined : lt(customers.createdAt, new Date(Date.parse(`${createdTo}T00:00:00Z`) + dayMs)),
  ];
  const filtered = filters.some((filter) => filter !== undefined);
  const where = live(project, ...filters);
  const page = filtered ? await selectPage(db, where, sort, limit, offset) : await unfilteredPage(db, project, query);
  const total = await totalOfPage(page, offset, async () => (await db.select({ total: count() }).from(customers).where(where))[0].total);
  return { customers: page.map((row) => customerView(row.customer)), total };
}

const customerCsvColumns: CsvColumn<ReturnType<typeof customerView>>[] = [
  { header: 'id', value: (customer) => customer.id },
  { header: 'email', value: (customer) => customer.email },
  { header: 'name', value: (customer) => customer.name },
  { header: 'stripeCustomerId', value: (customer) => customer.stripeCustomerId },
  { header: 'createdAt', value: (customer) => customer.createdAt },
];

/** Every customer the list's filters match, in the list's order, as CSV (header: the JSON field names). */
export async function exportCustomersCsv(db: Executor, project: Project, filters: ExportCustomersQuery): Promise<string> {
  const rows = await allRows(async (page) => {
    const { customers: rows, total } = await listCustomers(db, project, { ...filters, ...page });
    return { rows, total };
  });
  return toCsv(customerCsvColumns, rows);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

const customerById = preparedFor((db) =>
  db
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.teamId, sql.placeholder('teamId')),
        eq(customers.projectId, sql.placeholder('projectId')),
        eq(customers.id, sql.placeholder('customerId')),
        isNull(customers.deletedAt),
      ),
    )
    .limit(1)
    .prepare('customer_by_id'),
);

async function findCustomer(db: Executor, project: Project, customerId: string): Promise<Customer | null> {
  const [customer] = await customerById(db).execute({ teamId: project.teamId, projectId: project.id, customerId });
  return customer ?? null;
}

/** A live customer of the project; another project's, a deleted or a malformed id is not found. */
export async function getCustomer(db: Executor, project: Project, customerId: string): Promise<Customer> {
  const customer = isId('customer', customerId) ? await findCustomer(db, project, customerId) : null;
  if (!customer) throw new NotFound('Customer not found');
  return customer;
}

/**
 * Stripe first (tagged with our id), then our row. A Stripe failure stores nothing; a row that cannot
 * be written (a concurrent duplicate) undoes the Stripe customer.
 */
export async function createCustomer(
  db: Executor,
  project: Project,
  body: CreateCustomerBody,
  { idempotencyKey, actor }: { idempotencyKey: string | null; actor: ActorContext },
) {
  const id = idForCreate('customer', project, idempotencyKey, 'customers.create');
  // A retry of a create whose answer was lost (the process died after Stripe's or our write): the row it wrote,
  // or the webhook intake adopted since under the id it was tagged with, is the answer.
  const done = idempotencyKey ? await findCustomer(db, project, id) : null;
  if (done) return done;
  // The email may be held by our own id if the intake adopted the customer since the look-up just above: Stripe
  // then replays the create and the insert below finds that row.
  await assertEmailFree(db, project, body.email, id);
  const { stripe } = await stripeForTeam(db, project.teamId);
  const created = await createInStripe(project, idempotencyKey, 'customers.create', (options) =>
    stripe.customers.create({ email: body.email, name: body.name, metadata: taggedMetadata(project, id, body.metadata) }, options),
  );
  const write = async (tx: Transaction) => {
    const [customer] = await tx
      .insert(customers)
      .values({
        id: created.metadata?.billstack_id ?? id,
        teamId: project.teamId,
        projectId: project.id,
        stripeCustomerId: created.id,
        email: body.email,
        name: body.name ?? null,
        metadata: body.metadata ?? {},
        stripeCreatedAt: new Date(created.created * 1000),
      })
      .returning();
    await emitWebhookEvent(tx, project, 'customer.created', customerView(customer));
    return customer;
  };
  try {
    return await withAudit(db, actor, write, (customer) => ({ action: 'customer.created', target: { type: 'customer', id: customer.id } }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same Stripe customer written meanwhile (a retry taking over a slow first request, or the intake
    // adopting it): ours, not a duplicate to undo.
    const [written] = await db.select().from(customers).where(live(project, eq(customers.stripeCustomerId, created.id))).limit(1);
    if (written) return written;
    await stripe.customers.del(created.id).catch(() => undefined);
    throw emailTaken(body.email);
  }
}

export async function updateCustomer(db: Executor, project: Project, customerId: string, body: UpdateCustomerBody, actor: ActorContext) {
  const customer = await getCustomer(db, project, customerId);
  const { stripe } = await stripeForTeam(db, project.teamId);
  if (body.email !== undefined) await assertEmailFree(db, project, body.email, customer.id);
  const updated = await callStripe(() =>
    stripe.customers.update(customer.stripeCustomerId, {
      email: body.email,
      name: body.name === null ? '' : body.name,
      metadata: body.metadata,
    }),
  );
  const write = async (tx: Transaction) => {
    const [row] = await tx
      .update(customers)
      .set({
        email: body.email ?? customer.email,
        name: body.name === undefined ? customer.name : body.name,
        // Stripe merged the metadata (and dropped keys set to ""): its result is the truth.
        metadata: body.metadata ? clientMetadata(updated.metadata) : customer.metadata,
        updatedAt: new Date(),
      })
      .where(live(project, eq(customers.id, customer.id)))
      .returning();
    await emitWebhookEvent(tx, project, 'customer.updated', customerView(row));
    return row;
  };
  try {
    return await withAudit(db, actor, write, () => ({ action: 'customer.updated', target: { type: 'customer', id: customer.id } }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw emailTaken(body.email ?? customer.email);
  }
}

const endedStatuses: Stripe.Subscription.Status[] = ['canceled', 'incomplete_expired'];

/**
 * Deletes in Stripe and here. While the customer still pays for something, only `force` goes ahead,
 * cancelling those subscriptions first.
 */
export async function deleteCustomer(
  db: Executor,
  project: Project,
  customerId: string,
  { force, actor }: { force: boolean; actor: ActorContext },
) {
  const customer = await getCustomer(db, project, customerId);
  const { stripe } = await stripeForTeam(db, project.teamId);
  const subscriptions = await callStripe(() =>
    stripe.subscriptions.list({ customer: customer.stripeCustomerId, status: 'all', limit: 100 }),
  );
  const running = subscriptions.data.filter((subscription) => !endedStatuses.includes(subscription.status));
  if (running.length > 0 && !force) {
    throw new Conflict('Customer has an active subscription; cancel it first or pass ?force=true');
  }
  for (const subscription of running) await callStripe(() => stripe.subscriptions.cancel(subscription.id));
  // Already deleted in Stripe (e.g. from its dashboard): ours goes too.
  await callStripe(() => unlessMissing(() => stripe.customers.del(customer.stripeCustomerId)));
  await withAudit(
    db,
    actor,
    async (tx) => {
      const deleted = await tx
        .update(customers)
        .set({ deletedAt: new Date(), updatedAt: new Date() })
        .where(live(project, eq(customers.id, customer.id)))
        .returning();
      // The webhook intake may have deleted it first, and emitted the event then.
      for (const row of deleted) await emitWebhookEvent(tx, project, 'customer.deleted', customerView(row));
    },
    () => ({ action: 'customer.deleted', target: { type: 'customer', id: customer.id } }),
  );
  return { id: customer.id, deleted: true as const };
}

/**
 * Fills in Stripe's `created` of the project's customers written before BillStack stored it (the worker or
 * startup calls this; `POST .../sync` does the same through the adoption of every listed customer). A SQL
 * migration cannot do it: the time is only in Stripe, behind the team's encrypted key and an HTTP call.
 * Customers already deleted in Stripe have no `created` left to read and keep BillStack's time.
 */
export async function backfillStripeCreated(db: Executor, project: Project): Promise<number> {
  const missing = await db
    .select({ id: customers.id, stripeCustomerId: customers.stripeCustomerId })
    .from(customers)
    .where(live(project, isNull(customers.stripeCreatedAt)));
  if (missing.length === 0) return 0;
  const { stripe } = await stripeForTeam(db, project.teamId);
  let filled = 0;
  for (const { id, stripeCustomerId } of missing) {
    const customer = await callStripe(() => unlessMissing(() => stripe.customers.retrieve(stripeCustomerId)));
    if (!customer || customer.deleted) continue;
    await db.update(customers).set({ stripeCreatedAt: new Date(customer.created * 1000) }).where(live(project, eq(customers.id, id)));
    filled += 1;
  }
  return filled;
}
