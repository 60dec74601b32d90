import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { customers, portalTokens, prices, products, projects, type Customer, type PortalToken, type Project, type Subscription } from '@/db/schema';
import { getCustomer } from '@/lib/customers/service';
import { BadRequest, NotFound } from '@/lib/http/errors';
import { newId } from '@/lib/http/ids';
import type { Pagination } from '@/lib/http/pagination';
import { isoTime } from '@/lib/http/respond';
import { inProject } from '@/lib/projects/scope';
import { requireAllowedOrigin } from '@/lib/projects/service';
import { stripeForTeam } from '@/lib/stripe/connection';
import { callStripe } from '@/lib/stripe/errors';
import { changePlan, previewPlanChange } from '@/lib/subscriptions/plan-changes';
import { cancelSubscription, getSubscription, listCustomerInvoices, listCustomerSubscriptions, resumeSubscription } from '@/lib/subscriptions/service';
import { subscriptionView } from '@/lib/subscriptions/views';
import { recordAudit, withAudit, type ActorContext } from '@/lib/audit/service';
import type { CreatePortalBody } from './schemas';
import { hashPortalToken, readPortalToken, signPortalToken } from './token';

/** The hosted portal page of a token, on the public address when one is configured. */
export function portalUrl(origin: string, token: string): string {
  return `${origin}/portal/${token}`;
}

/** Issues a token for one customer of the project; the token text is returned here only, never stored. */
export async function createPortalToken(db: Executor, project: Project, body: CreatePortalBody, { origin, actor }: { origin: string; actor: ActorContext }) {
  requireAllowedOrigin(project, 'returnUrl', body.returnUrl);
  const customer = await getCustomer(db, project, body.customerId);
  const id = newId('portalToken');
  // Whole seconds, as the signed payload carries them, so the row and the token agree exactly.
  const expiresAt = new Date((Math.floor(Date.now() / 1000) + body.expiresIn) * 1000);
  const token = signPortalToken({ id, expiresAt });
  await withAudit(
    db,
    actor,
    (tx) =>
      tx.insert(portalTokens).values({
        id,
        teamId: project.teamId,
        projectId: project.id,
        customerId: customer.id,
        tokenHash: hashPortalToken(token),
        returnUrl: body.returnUrl ?? null,
        expiresAt,
      }),
    () => ({ action: 'portal_link.created', target: { type: 'portal_link', id } }),
  );
  return { token, url: portalUrl(origin, token), expiresAt: isoTime(expiresAt) };
}

/** Revokes a token of the project (again is fine); a malformed one or another project's is not found. */
export async function revokePortalToken(db: Executor, project: Project, token: string, actor: ActorContext) {
  if (!readPortalToken(token)) throw new NotFound('Portal token not found');
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(portalTokens)
      // A second revocation keeps the time of the first.
      .set({ revokedAt: sql`coalesce(${portalTokens.revokedAt}, now())` })
      .where(inProject(portalTokens, project, eq(portalTokens.tokenHash, hashPortalToken(token))))
      .returning({ id: portalTokens.id });
    if (!revoked) throw new NotFound('Portal token not found');
    await recordAudit(tx, actor, { action: 'portal_link.revoked', target: { type: 'portal_link', id: revoked.id } });
  });
  return { token, revoked: true as const };
}

/** A price with its product's name, as the portal shows a plan. */
function selectPlans(db: Executor) {
  return db
    .select({
      priceId: prices.id,
      productName: products.name,
      unitAmount: prices.unitAmount,
      currency: prices.currency,
      interval: prices.interval,
      intervalCount: prices.intervalCount,
    })
    .from(prices)
    .innerJoin(products, eq(products.id, prices.productId));
}

/** What a valid token opens: that one customer of that one project, and nothing else. */
export interface PortalSession {
  token: string;
  portal: PortalToken;
  project: Project;
  customer: Customer;
}

export type PortalRefusal = 'INVALID' | 'EXPIRED' | 'REVOKED';
export type PortalAccess = ({ valid: true } & PortalSession) | { valid: false; code: PortalRefusal };

/**
 * Checks a token as an outcome, not an exception (the API answers 401, the hosted page a message).
 * A forged token, or one whose signed expiry has passed, is refused on the signature alone; only a genuine,
 * unexpired token costs a database read, which also catches revocation and a customer or project deleted since.
 */
export async function openPortal(db: Executor, token: string): Promise<PortalAccess> {
  const claims = readPortalToken(token);
  if (!claims) return { valid: false, code: 'INVALID' };
  if (claims.expiresAt.getTime() <= Date.now()) return { valid: false, code: 'EXPIRED' };
  const [found] = await db
    .select({ portal: portalTokens, project: projects, customer: customers })
    .from(portalTokens)
    .innerJoin(projects, and(eq(projects.teamId, portalTokens.teamId), eq(projects.id, portalTokens.projectId)))
    .innerJoin(
      customers,
      and(eq(customers.projectId, portalTokens.projectId), eq(customers.id, portalTokens.customerId), isNull(customers.deletedAt)),
    )
    .where(eq(portalTokens.tokenHash, hashPortalToken(token)))
    .limit(1);
  if (!found) return { valid: false, code: 'INVALID' };
  if (found.portal.revokedAt) return { valid: false, code: 'REVOKED' };
  // The row is the truth for expiry: it may have been shortened since the token was signed.
  if (found.portal.expiresAt.getTime() <= Date.now()) return { valid: false, code: 'EXPIRED' };
  return { valid: true, token, ...found };
}

export function portalView({ portal, customer }: PortalSession) {
  return {
    customer: { id: customer.id, email: customer.email, name: customer.name },
    returnUrl: portal.returnUrl,
    expiresAt: isoTime(portal.expiresAt),
  };
}

type SubscriptionView = ReturnType<typeof subscriptionView>;

/**
 * Subscription views with what a customer recognises on each item (product name, amount, interval), so a
 * portal can show the plan without access to the project's catalog API.
 */
async function withPlans(db: Executor, project: Project, views: SubscriptionView[]) {
  const itemsOf = (view: SubscriptionView) => [...view.items, ...(view.pendingChange?.items ?? [])];
  const priceIds = [...new Set(views.flatMap((view) => itemsOf(view).flatMap((item) => (item.priceId ? [item.priceId] : []))))];
  const plans =
    priceIds.length === 0
      ? []
      : await selectPlans(db).where(inProject(prices, project, inArray(prices.id, priceIds)));
  const byPrice = new Map(plans.map(({ priceId, ...plan }) => [priceId, plan]));
  const unknownPlan = { productName: null, unitAmount: null, currency: null, interval: null, intervalCount: null };
  const withPlan = <Item extends { priceId: string | null }>(item: Item) => ({ ...item, ...((item.priceId && byPrice.get(item.priceId)) || unknownPlan) });
  return views.map((view) => ({
    ...view,
    items: view.items.map(withPlan),
    pendingChange: view.pendingChange && { ...view.pendingChange, items: view.pendingChange.items.map(withPlan) },
  }));
}
export type PortalSubscription = Awaited<ReturnType<typeof withPlans>>[number];

export async function listPortalSubscriptions(db: Executor, { project, customer }: PortalSession, pagination: Pagination) {
  const { subscriptions, total } = await listCustomerSubscriptions(db, project, customer.id, pagination);
  return { subscriptions: await withPlans(db, project, subscriptions), total };
}

export function listPortalInvoices(db: Executor, { project, customer }: PortalSession, pagination: Pagination) {
  return listCustomerInvoices(db, project, customer.id, pagination);
}

/** A subscription of the token's customer: another customer's, even in the same project, is not found. */
async function assertOwnSubscription(db: Executor, { project, customer }: PortalSession, subscriptionId: string) {
  const subscription = await getSubscription(db, project, subscriptionId);
  if (subscription.customerId !== customer.id) throw new NotFound('Subscription not found');
  return subscription;
}

const endedStatuses = new Set(['canceled', 'incomplete_expired']);

// The audit log traces members and keys; a customer acting through the portal is neither.
const portalActor = null;

/** The customer may only cancel at the period end: what they paid for runs to its end. */
export async function cancelPortalSubscription(db: Executor, session: PortalSession, subscriptionId: string) {
  const current = await assertOwnSubscription(db, session, subscriptionId);
  // A second click changes nothing: answered from our row, so a token cannot be used to hammer Stripe.
  const canceled = current.cancelAtPeriodEnd ? current : await cancelSubscription(db, session.project, subscriptionId, { atPeriodEnd: true }, portalActor);
  const [subscription] = await withPlans(db, session.project, [subscriptionView(canceled)]);
  return subscription;
}

export async function resumePortalSubscription(db: Executor, session: PortalSession, subscriptionId: string) {
  const current = await assertOwnSubscription(db, session, subscriptionId);
  // Nothing to undo on a live subscription is a no-op; an ended one still goes to Stripe, which refuses it.
  const changes = current.cancelAtPeriodEnd || endedStatuses.has(current.status);
  const resumed = changes ? await resumeSubscription(db, session.project, subscriptionId, portalActor) : current;
  const [subscription] = await withPlans(db, session.project, [subscriptionView(resumed)]);
  return subscription;
}

/**
 * The plans a customer may switch a subscription to: the project's active recurring prices of active
 * products in the subscription's currency (Stripe bills one currency per subscription), cheapest first.
 */
async function plansFor(db: Executor, project: Project, subscription: Subscription) {
  const plans = await selectPlans(db).where(
      inProject(prices, project, eq(prices.active, true), eq(products.active, true), isNotNull(prices.interval), eq(prices.currency, subscription.currency)),
    )
    .orderBy(asc(prices.unitAmount), asc(products.name), asc(prices.id));
  return plans.map((plan) => ({ ...plan, current: subscription.items.some((item) => item.priceId === plan.priceId) }));
}
export type PortalPlan = Awaited<ReturnType<typeof plansFor>>[number];

export async function listPortalPlans(db: Executor, session: PortalSession, subscriptionId: string) {
  return plansFor(db, session.project, await assertOwnSubscription(db, session, subscriptionId));
}

/**
 * The change a portal switch makes: the one item's price replaced, its quantity kept, with the project's
 * defaults for when and how to bill it. A plan the portal does not offer does not exist for the customer.
 */
async function portalSwitch(db: Executor, session: PortalSession, subscriptionId: string, priceId: string) {
  const subscription = await assertOwnSubscription(db, session, subscriptionId);
  const plans = await plansFor(db, session.project, subscription);
  if (subscription.items.length !== 1) throw new BadRequest('This subscription has several items: only the merchant can change its plan');
  if (!plans.some((plan) => plan.priceId === priceId)) throw new NotFound('Plan not found');
  return { items: [{ priceId, quantity: subscription.items[0].quantity }] };
}

export async function previewPortalPlanChange(db: Executor, session: PortalSession, subscriptionId: string, priceId: string) {
  return previewPlanChange(db, session.project, subscriptionId, await portalSwitch(db, session, subscriptionId, priceId));
}

export async function changePortalPlan(db: Executor, session: PortalSession, subscriptionId: string, priceId: string) {
  const changed = await changePlan(db, session.project, subscriptionId, await portalSwitch(db, session, subscriptionId, priceId), portalActor);
  const [subscription] = await withPlans(db, session.project, [subscriptionView(changed)]);
  return subscription;
}

/**
 * A Stripe billing portal session for the customer (payment methods, billing details). Stripe's "return"
 * goes to the app's returnUrl when the token has one, else back to BillStack's hosted portal.
 */
export async function createStripePortalSession(db: Executor, { token, portal, project, customer }: PortalSession, { origin }: { origin: string }) {
  const { stripe } = await stripeForTeam(db, project.teamId);
  const session = await callStripe(() =>
    stripe.billingPortal.sessions.create({ customer: customer.stripeCustomerId, return_url: portal.returnUrl ?? portalUrl(origin, token) }),
  );
  return { url: session.url };
}
