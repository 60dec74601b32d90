import { randomInt } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { isUniqueViolation, type Executor, type Transaction } from '@/db/client';
import {
  customers,
  invoices,
  projects,
  referralCodes,
  referralConfigs,
  referralRewards,
  referrals,
  type Customer,
  type Project,
  type Referral,
  type ReferralCode,
  type ReferralConfig,
} from '@/db/schema';
import { withAudit, type ActorContext } from '@/lib/audit/service';
import { checkoutTagKeys } from '@/lib/checkout/service';
import { getCustomer } from '@/lib/customers/service';
import { BadRequest, Conflict, NotFound } from '@/lib/http/errors';
import { isId, newId } from '@/lib/http/ids';
import { isoTime } from '@/lib/http/respond';
import { emitWebhookEvent } from '@/lib/outgoing-webhooks/events';
import { inProject } from '@/lib/projects/scope';
import { stripeForTeam } from '@/lib/stripe/connection';
import { tagKeys } from '@/lib/stripe/metadata';
import { idOf } from '@/lib/stripe/mirror/object';
import { findReferralConfig, listReferralRows } from './queries';
import { grantRefereeDiscount, grantReferrerReward, onInvoicePaid } from './rewards';
import type { ApplyReferralBody, CreateReferralCodeBody, ListReferralCodesQuery, ListReferralsQuery, PutReferralConfigBody } from './schemas';
import { referralView } from './views';

const DAY_MS = 86_400_000;

/** What GET answers for a project that never configured referrals: disabled, with the defaults. */
const unconfigured = {
  enabled: false,
  refereeDiscount: null,
  referrerReward: null,
  rewardAfter: 'first_payment',
  attributionDays: 60,
  holdDays: 30,
  maxRedemptionsPerCode: null,
  codeExpiresInDays: null,
  updatedAt: null,
} as const;

export function referralConfigView(config: ReferralConfig | null) {
  if (!config) return unconfigured;
  return {
    enabled: config.enabled,
    refereeDiscount: config.refereeDiscount,
    referrerReward: config.referrerReward,
    rewardAfter: config.rewardAfter,
    attributionDays: config.attributionDays,
    holdDays: config.holdDays,
    maxRedemptionsPerCode: config.maxRedemptionsPerCode,
    codeExpiresInDays: config.codeExpiresInDays,
    updatedAt: isoTime(config.updatedAt),
  };
}

export function referralCodeView(code: ReferralCode) {
  return {
    id: code.id,
    code: code.code,
    customerId: code.customerId,
    active: code.active,
    redemptions: code.redemptions,
    maxRedemptions: code.maxRedemptions,
    expiresAt: isoTime(code.expiresAt),
    createdAt: isoTime(code.createdAt),
  };
}

export async function putReferralConfig(db: Executor, project: Project, body: PutReferralConfigBody, actor: ActorContext): Promise<ReferralConfig> {
  const values = {
    enabled: body.enabled,
    refereeDiscount: body.refereeDiscount,
    referrerReward: body.referrerReward,
    rewardAfter: body.rewardAfter,
    attributionDays: body.attributionDays,
    holdDays: body.holdDays,
    maxRedemptionsPerCode: body.maxRedemptionsPerCode ?? null,
    codeExpiresInDays: body.codeExpiresInDays ?? null,
    updatedAt: new Date(),
  };
  const write = async (tx: Transaction) => {
    const [config] = await tx
      .insert(referralConfigs)
      .values({ teamId: project.teamId, projectId: project.id, ...values })
      .onConflictDoUpdate({ target: referralConfigs.projectId, set: values })
      .returning();
    return config;
  };
  return withAudit(db, actor, write, () => ({ action: 'referral_config.updated', target: { type: 'project', id: project.id } }));
}

// No 0/O, 1/I/L: a code read aloud or copied from a screenshot stays the same code.
const readableAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random code such as `K7QM-4TXP`: 40 bits, readable and unambiguous. */
export function randomReferralCode(): string {
  const part = () => Array.from({ length: 4 }, () => readableAlphabet[randomInt(readableAlphabet.length)]).join('');
  return `${part()}-${part()}`;
}

const sameCode = (code: string) => sql`lower(${referralCodes.code}) = lower(${code})`;

/**
 * A code for the customer: the one asked for (409 if the project has it in any case), or a random one.
 * The code's limits come from the project's configuration at creation time. A member's or key's creation is
 * audited with the row; the portal makes a customer's own code with no actor.
 */
export async function createReferralCode(db: Executor, project: Project, body: CreateReferralCodeBody, actor: ActorContext | null): Promise<ReferralCode> {
  const customer = await getCustomer(db, project, body.customerId);
  const config = await findReferralConfig(db, project);
  const now = new Date();
  for (let attempt = 0; ; attempt++) {
    const code = body.code ?? randomReferralCode();
    try {
      const insert = (tx: Executor) =>
        tx
          .insert(referralCodes)
          .values({
            id: newId('referralCode'),
            teamId: project.teamId,
            projectId: project.id,
            customerId: customer.id,
            code,
            maxRedemptions: config?.maxRedemptionsPerCode ?? null,
            expiresAt: config?.codeExpiresInDays ? new Date(now.getTime() + config.codeExpiresInDays * DAY_MS) : null,
            createdAt: now,
          })
          .returning()
          .then(([row]) => row);
      return actor
        ? await withAudit(db, actor, insert, (row) => ({ action: 'referral_code.created', target: { type: 'referral_code', id: row.id } }))
        : await insert(db);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A random code colliding (one chance in a trillion per existing code) just draws again.
      if (body.code !== undefined || attempt >= 3) throw new Conflict(`Referral code ${code} already exists in this project`, 'referral_code_taken');
    }
  }
}

export async function listReferralCodes(
  db: Executor,
  project: Project,
  { limit, offset, customerId, active }: ListReferralCodesQuery,
) {
  const where = inProject(
    referralCodes,
    project,
    customerId === undefined ? undefined : eq(referralCodes.customerId, customerId),
    active === undefined ? undefined : eq(referralCodes.active, active === 'true'),
  );
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(referralCodes).where(where).orderBy(sql`${referralCodes.createdAt} desc, ${referralCodes.id} desc`).limit(limit).offset(offset),
    db.select({ total: sql<number>`count(*)::int` }).from(referralCodes).where(where),
  ]);
  return { referralCodes: rows.map(referralCodeView), total };
}

/** The project's code, whatever case it is typed in. */
export async function findReferralCode(db: Executor, project: Project, code: string): Promise<ReferralCode | null> {
  const [row] = await db.select().from(referralCodes).where(inProject(referralCodes, project, sameCode(code))).limit(1);
  return row ?? null;
}

export async function getReferralCode(db: Executor, project: Project, code: string): Promise<ReferralCode> {
  const row = await findReferralCode(db, project, code);
  if (!row) throw new NotFound('Referral code not found');
  return row;
}

export async function deactivateReferralCode(db: Executor, project: Project, code: string, actor: ActorContext): Promise<ReferralCode> {
  const row = await getReferralCode(db, project, code);
  return withAudit(
    db,
    actor,
    async (tx) => {
      const [updated] = await tx
        .update(referralCodes)
        .set({ active: false })
        .where(inProject(referralCodes, project, eq(referralCodes.id, row.id)))
        .returning();
      return updated;
    },
    (updated) => ({ action: 'referral_code.deactivated', target: { type: 'referral_code', id: updated.id } }),
  );
}

/** The customer's own code, made on first use (the portal shows it); null while referrals are off. */
export async function ensureCustomerReferralCode(db: Executor, project: Project, customer: Customer): Promise<ReferralCode | null> {
  const config = await findReferralConfig(db, project);
  if (!config?.enabled) return null;
  const [existing] = await db
    .select()
    .from(referralCodes)
    .where(inProject(referralCodes, project, eq(referralCodes.customerId, customer.id), eq(referralCodes.active, true)))
    .orderBy(referralCodes.createdAt)
    .limit(1);
  return existing ?? createReferralCode(db, project, { customerId: customer.id }, null);
}

const alreadyReferred = () => new BadRequest('Customer has already been referred', 'referral_not_allowed');

/**
 * Why `referee` cannot use `code` now, as the 400 the API user reads; the config and code when it can.
 * Both apply and checkout ask, so a checkout never carries a discount its completion would refuse.
 */
export async function checkReferralApplies(db: Executor, project: Project, codeText: string, referee: Customer) {
  const config = await findReferralConfig(db, project);
  if (!config?.enabled) throw new BadRequest('Referrals are disabled for this project', 'referral_not_allowed');
  const code = await findReferralCode(db, project, codeText);
  if (!code) throw new BadRequest(`Referral code ${codeText} does not exist`, 'referral_code_invalid');
  if (code.customerId === referee.id) throw new BadRequest('A customer cannot use their own referral code', 'referral_not_allowed');
  if (!code.active) throw new BadRequest(`Referral code ${code.code} is inactive`, 'referral_code_invalid');
  const now = new Date();
  if (code.expiresAt && code.expiresAt <= now) throw new BadRequest(`Referral code ${code.code} has expired`, 'referral_code_invalid');
  if (code.maxRedemptions !== null && code.redemptions >= code.maxRedemptions) {
    throw new BadRequest(`Referral code ${code.code} has reached its maximum number of redemptions`, 'referral_code_invalid');
  }
  const [already] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(inProject(referrals, project, eq(referrals.refereeCustomerId, referee.id)))
    .limit(1);
  if (already) throw alreadyReferred();
  // Signed up = created in Stripe (BillStack's own time for customers written before it kept Stripe's).
  const signedUpAt = referee.stripeCreatedAt ?? referee.createdAt;
  if (now.getTime() - signedUpAt.getTime() > config.attributionDays * DAY_MS) {
    throw new BadRequest(`Customer signed up more than ${config.attributionDays} days ago, outside the attribution window`, 'referral_not_allowed');
  }
  return { config, code };
}

/**
 * Writes the referral, its code's redemption and the referee discount's claim in one transaction. The code row
 * is locked and re-checked inside it, and the (project, referee) unique index settles two concurrent applies:
 * the loser's insert fails and it is told the customer is already referred.
 */
async function recordReferral(db: Executor, project: Project, code: ReferralCode, referee: Customer, refereeDiscount: { stripeCouponId?: string; stripeSubscriptionId?: string }) {
  try {
    return await db.transaction(async (tx) => {
      const [locked] = await tx.select().from(referralCodes).where(eq(referralCodes.id, code.id)).for('update');
      if (!locked.active || (locked.maxRedemptions !== null && locked.redemptions >= locked.maxRedemptions)) {
        throw new BadRequest(`Referral code ${locked.code} has reached its maximum number of redemptions`, 'referral_code_invalid');
      }
      const [referral] = await tx
        .insert(referrals)
        .values({
          id: newId('referral'),
          teamId: project.teamId,
          projectId: project.id,
          codeId: code.id,
          code: code.code,
          referrerCustomerId: code.customerId,
          refereeCustomerId: referee.id,
          status: 'pending',
        })
        .returning();
      await tx.update(referralCodes).set({ redemptions: sql`${referralCodes.redemptions} + 1` }).where(eq(referralCodes.id, code.id));
      await emitWebhookEvent(tx, project, 'referral.created', referralView(referral));
      await tx.insert(referralRewards).values({
        referralId: referral.id,
        beneficiary: 'referee',
        teamId: project.teamId,
        projectId: project.id,
        customerId: referee.id,
        kind: 'coupon',
        status: refereeDiscount.stripeCouponId ? 'granted' : 'claimed',
        stripeCouponId: refereeDiscount.stripeCouponId ?? null,
        stripeSubscriptionId: refereeDiscount.stripeSubscriptionId ?? null,
        grantedAt: refereeDiscount.stripeCouponId ? new Date() : null,
      });
      return referral;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyReferred();
    throw error;
  }
}

/**
 * `POST .../referrals/apply`: the referral, then in Stripe the referee's discount and, when the project rewards
 * on signup, the referrer's reward. Each Stripe grant was claimed in our database first (see rewards.ts).
 */
export async function applyReferral(db: Executor, project: Project, body: ApplyReferralBody): Promise<Referral> {
  const referee = await getCustomer(db, project, body.customerId);
  const { config, code } = await checkReferralApplies(db, project, body.code, referee);
  const referral = await recordReferral(db, project, code, referee, {});
  const { stripe } = await stripeForTeam(db, project.teamId);
  await grantRefereeDiscount(db, stripe, project, referral, config);
  if (config.rewardAfter === 'signup') await grantReferrerReward(db, stripe, project, referral, config, { qualifiedAt: new Date(), stripeInvoiceId: null });
  return getReferral(db, project, referral.id);
}

/**
 * A completed checkout that carried a referral code (its discount already on the new subscription): records the
 * referral, and rewards on signup. A referral made meanwhile by another path wins; the checkout's is then dropped.
 */
export async function recordCheckoutReferral(
  db: Executor,
  project: Project,
  { codeText, customerId, stripeCouponId, stripeSubscriptionId }: { codeText: string; customerId: string; stripeCouponId: string | null; stripeSubscriptionId: string | null },
): Promise<Referral | null> {
  const referee = await getCustomer(db, project, customerId);
  let checked;
  try {
    checked = await checkReferralApplies(db, project, codeText, referee);
  } catch (error) {
    if (error instanceof BadRequest) return null;
    throw error;
  }
  const { config, code } = checked;
  let referral: Referral;
  try {
    referral = await recordReferral(db, project, code, referee, { stripeCouponId: stripeCouponId ?? undefined, stripeSubscriptionId: stripeSubscriptionId ?? undefined });
  } catch (error) {
    if (error instanceof BadRequest) return null;
    throw error;
  }
  const { stripe } = await stripeForTeam(db, project.teamId);
  if (config.rewardAfter === 'signup') {
    await grantReferrerReward(db, stripe, project, referral, config, { qualifiedAt: new Date(), stripeInvoiceId: null });
    return referral;
  }
  // The checkout's first invoice may have been paid, and its event applied, before this one: it qualifies now.
  const [paid] = await db
    .select()
    .from(invoices)
    .where(inProject(invoices, project, eq(invoices.customerId, referee.id), eq(invoices.status, 'paid'), gt(invoices.amountPaid, 0)))
    .orderBy(invoices.paidAt)
    .limit(1);
  if (paid) await onInvoicePaid(db, stripe, paid);
  return referral;
}

export async function getReferral(db: Executor, project: Project, id: string): Promise<Referral> {
  const [row] = isId('referral', id) ? await db.select().from(referrals).where(inProject(referrals, project, eq(referrals.id, id))).limit(1) : [];
  if (!row) throw new NotFound('Referral not found');
  return row;
}


export async function listReferrals(db: Executor, project: Project, query: ListReferralsQuery) {
  const { rows, total } = await listReferralRows(db, project, query);
  return { referrals: rows.map(referralView), total };
}

/**
 * `checkout.session.completed`: a checkout that carried a referral code records the referral (read from the
 * session's own metadata, which Stripe keeps whole); one that carried a discount waiting from an earlier
 * referral now has the subscription it went on.
 */
export async function onCheckoutCompleted(db: Executor, teamId: string, session: Stripe.Checkout.Session): Promise<void> {
  const projectId = session.metadata?.[tagKeys.project];
  const customerId = session.metadata?.[checkoutTagKeys.customer];
  if (!projectId || !customerId) return;
  const [project] = await db.select().from(projects).where(and(eq(projects.id, projectId), eq(projects.teamId, teamId))).limit(1);
  if (!project) return;
  const stripeCouponId = idOf(session.discounts?.[0]?.coupon);
  const stripeSubscriptionId = idOf(session.subscription);
  const codeText = session.metadata?.[checkoutTagKeys.referralCode];
  if (codeText) {
    await recordCheckoutReferral(db, project, { codeText, customerId, stripeCouponId, stripeSubscriptionId });
  } else if (stripeCouponId && stripeSubscriptionId) {
    await db
      .update(referralRewards)
      .set({ stripeSubscriptionId })
      .where(
        inProject(
          referralRewards,
          project,
          eq(referralRewards.customerId, customerId),
          eq(referralRewards.beneficiary, 'referee'),
          eq(referralRewards.stripeCouponId, stripeCouponId),
          isNull(referralRewards.stripeSubscriptionId),
        ),
      );
  }
}

/** An email shown to the customer who referred its owner: enough to recognise, not to harvest. */
export function maskedEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}${'•'.repeat(Math.max(2, Math.min(local.length - 1, 6)))}@${domain}`;
}

/**
 * What the customer portal shows a customer of their referral program: their own code (made on first view),
 * a share link (the merchant's site, from the portal's return URL, with `?ref=CODE`), the customers they
 * brought in and the rewards they earned per currency. Null while the project's referrals are off.
 */
export async function customerReferralProgram(db: Executor, project: Project, customer: Customer, { returnUrl }: { returnUrl: string | null }) {
  const code = await ensureCustomerReferralCode(db, project, customer);
  if (!code) return null;
  const [brought, earned] = await Promise.all([
    db
      .select({ referral: referrals, email: customers.email })
      .from(referrals)
      .innerJoin(customers, eq(customers.id, referrals.refereeCustomerId))
      .where(inProject(referrals, project, eq(referrals.referrerCustomerId, customer.id)))
      .orderBy(sql`${referrals.createdAt} desc`)
      .limit(50),
    db
      .select({ kind: referralRewards.kind, currency: referralRewards.currency, amount: referralRewards.costAmount })
      .from(referralRewards)
      .where(inProject(referralRewards, project, eq(referralRewards.customerId, customer.id), eq(referralRewards.beneficiary, 'referrer'), eq(referralRewards.status, 'granted'))),
  ]);
  const credits: Record<string, number> = {};
  for (const reward of earned) if (reward.kind === 'credit' && reward.currency) credits[reward.currency] = (credits[reward.currency] ?? 0) + reward.amount;
  const shareUrl = returnUrl ? `${new URL(returnUrl).origin}/?ref=${encodeURIComponent(code.code)}` : null;
  return {
    code: code.code,
    shareUrl,
    referrals: brought.map(({ referral, email }) => ({ id: referral.id, referee: maskedEmail(email), status: referral.status, createdAt: isoTime(referral.createdAt) })),
    rewards: { count: earned.length, credits, coupons: earned.filter((reward) => reward.kind === 'coupon').length },
  };
}
