import { and, desc, eq, gte, inArray, isNotNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { customers, referralCodes, referralConfigs, referralRewards, referrals, subscriptions, type Project, type ReferralConfig } from '@/db/schema';
import { monthlyRecurringRevenue } from '@/lib/analytics/definitions';
import { inProject } from '@/lib/projects/scope';
import type { ListReferralsQuery, ReferralStatsQuery } from './schemas';

export async function findReferralConfig(db: Executor, project: Pick<Project, 'id' | 'teamId'>): Promise<ReferralConfig | null> {
  const [config] = await db.select().from(referralConfigs).where(inProject(referralConfigs, project)).limit(1);
  return config ?? null;
}

export async function listReferralRows(db: Executor, project: Project, { limit, offset, status, referrerCustomerId, refereeCustomerId }: ListReferralsQuery) {
  const where = inProject(
    referrals,
    project,
    status === undefined ? undefined : eq(referrals.status, status),
    referrerCustomerId === undefined ? undefined : eq(referrals.referrerCustomerId, referrerCustomerId),
    refereeCustomerId === undefined ? undefined : eq(referrals.refereeCustomerId, refereeCustomerId),
  );
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(referrals).where(where).orderBy(desc(referrals.createdAt), desc(referrals.id)).limit(limit).offset(offset),
    db.select({ total: sql<number>`count(*)::int` }).from(referrals).where(where),
  ]);
  return { rows, total };
}

const DAY_MS = 86_400_000;

/** `created_at` within the days `from`..`to` (both inclusive, UTC); an open end is unbounded. */
function createdWithin(column: typeof referrals.createdAt | typeof referralCodes.createdAt, { from, to }: ReferralStatsQuery): (SQL | undefined)[] {
  return [
    from === undefined ? undefined : gte(column, new Date(`${from}T00:00:00Z`)),
    to === undefined ? undefined : lt(column, new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS)),
  ];
}

/** Per-currency sums as an object keyed by currency, e.g. `{"usd": 1500, "eur": 900}`. */
function byCurrency(rows: { currency: string | null; amount: number }[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const { currency, amount } of rows) {
    if (currency === null || amount === 0) continue;
    sums[currency] = (sums[currency] ?? 0) + amount;
  }
  return sums;
}

/**
 * The referral figures of referrals made in the range: counts by what they reached (`qualified` counts every
 * referral that ever qualified, rewarded or voided since), conversion = qualified / referrals, the current MRR
 * of the referred customers whose referral stands, and the cost of the rewards and discounts granted and not
 * reversed. Money is per currency: an object keyed by currency.
 */
export async function referralStats(db: Executor, project: Project, range: ReferralStatsQuery) {
  const inRange = inProject(referrals, project, ...createdWithin(referrals.createdAt, range));
  const [[codes], [counts], referees, costs] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(referralCodes)
      .where(inProject(referralCodes, project, ...createdWithin(referralCodes.createdAt, range))),
    db
      .select({
        referrals: sql<number>`count(*)::int`,
        qualified: sql<number>`count(${referrals.qualifiedAt})::int`,
        rewarded: sql<number>`count(*) filter (where ${referrals.status} = 'rewarded')::int`,
        void: sql<number>`count(*) filter (where ${referrals.status} = 'void')::int`,
      })
      .from(referrals)
      .where(inRange),
    db
      .select({ customerId: referrals.refereeCustomerId })
      .from(referrals)
      .where(and(inRange, ne(referrals.status, 'void'))),
    db
      .select({ currency: referralRewards.currency, amount: referralRewards.costAmount })
      .from(referralRewards)
      .innerJoin(referrals, eq(referrals.id, referralRewards.referralId))
      .where(and(inRange, eq(referralRewards.status, 'granted'), isNotNull(referralRewards.currency))),
  ]);
  const refereeIds = referees.map((r) => r.customerId);
  const now = new Date();
  const referredSubscriptions = refereeIds.length
    ? await db
        .select({ status: subscriptions.status, items: subscriptions.items, discounts: subscriptions.discounts, currency: subscriptions.currency })
        .from(subscriptions)
        .where(inProject(subscriptions, project, inArray(subscriptions.customerId, refereeIds)))
    : [];
  return {
    codes: codes.n,
    referrals: counts.referrals,
    qualified: counts.qualified,
    rewarded: counts.rewarded,
    void: counts.void,
    conversionRate: counts.referrals === 0 ? 0 : Math.round((counts.qualified / counts.referrals) * 10_000) / 10_000,
    referredMrr: byCurrency(referredSubscriptions.map((s) => ({ currency: s.currency, amount: monthlyRecurringRevenue(s, now) }))),
    rewardsCost: byCurrency(costs),
  };
}

/** The emails of the project's customers a referrals table names, by customer id. */
export async function customerEmails(db: Executor, project: Project, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: customers.id, email: customers.email }).from(customers).where(inProject(customers, project, inArray(customers.id, ids)));
  return new Map(rows.map((row) => [row.id, row.email]));
}
