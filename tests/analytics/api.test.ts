// The analytics endpoints' contract: query validation naming the field, defaults, intervals and the CSV export,
// on a small history appended directly (no Stripe needed to read figures).
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { customers, subscriptions, type SubscriptionItem } from '@/db/schema';
import { appendSubscriptionHistoryRows, type NewHistoryRow } from '@/lib/analytics/ledger';
import { newId } from '@/lib/http/ids';
import * as exportRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/export/route';
import * as mrrRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/mrr/route';
import * as retentionRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/retention/route';
import { call } from '../helpers/http';
import { projectParams, projectPath } from '../helpers/catalog';
import { createProject, createTeam, signUp, type TestUser } from '../helpers/fixtures';

let ref: { owner: TestUser; team: { id: string }; project: { id: string; teamId: string } };

const monthly = (unitAmount: number, quantity = 1): SubscriptionItem[] => [
  { stripeItemId: 'si_1', priceId: null, stripePriceId: 'price_1', quantity, unitAmount, currency: 'usd', interval: 'month', intervalCount: 1, usageType: 'licensed' },
];

/** One customer: 2,900 from 2026-03-10, 5,800 from 2026-04-02 (quantity 2), canceled 2026-05-20. */
beforeAll(async () => {
  const owner = await signUp();
  const team = await createTeam(owner, 'Analytics API');
  const project = await createProject(owner, team.id, 'Figures');
  ref = { owner, team, project };
  const db = await getDb();
  const tenant = { teamId: team.id, projectId: project.id };
  const customerId = newId('customer');
  const subscriptionId = newId('subscription');
  await db.insert(customers).values({ ...tenant, id: customerId, stripeCustomerId: 'cus_api', email: 'api@example.com', stripeCreatedAt: new Date('2026-03-10T09:00:00Z') });
  await db.insert(subscriptions).values({
    ...tenant,
    id: subscriptionId,
    customerId,
    stripeSubscriptionId: 'sub_api',
    status: 'canceled',
    items: monthly(2900),
    currency: 'usd',
    createdAt: new Date('2026-03-10T09:00:00Z'),
  });
  const row = (stripeEventId: string, eventType: string, at: string, status: string, items: SubscriptionItem[]): NewHistoryRow => ({
    ...tenant,
    subscriptionId,
    customerId,
    stripeEventId,
    eventType,
    occurredAt: new Date(at),
    status,
    items,
    discounts: [],
    currency: 'usd',
    cancelAtPeriodEnd: false,
    cancellationReason: status === 'canceled' ? 'cancellation_requested' : null,
    changedFields: ['status'],
  });
  await db.transaction((tx) =>
    appendSubscriptionHistoryRows(tx, [
      row('evt_1', 'customer.subscription.created', '2026-03-10T09:00:00Z', 'active', monthly(2900)),
      row('evt_2', 'customer.subscription.updated', '2026-04-02T12:00:00Z', 'active', monthly(2900, 2)),
      row('evt_3', 'customer.subscription.deleted', '2026-05-20T18:00:00Z', 'canceled', monthly(2900, 2)),
    ]),
  );
});

const get = (handler: typeof mrrRoute.GET, path: string, query: Record<string, string | number>) =>
  call(handler, projectPath(ref, `/analytics/${path}`), { params: projectParams(ref), headers: ref.owner.headers, query });

describe('analytics query validation', () => {
  it.each([
    [{ interval: 'hour' }, 'Invalid query field "interval"'],
    [{ currency: 'USD' }, 'Invalid query field "currency": must be a lowercase ISO currency code'],
    [{ from: '2026-13-01' }, 'Invalid query field "from": must be a date YYYY-MM-DD'],
    [{ from: '2026-05-02', to: '2026-05-01' }, 'Invalid query field "to": must not be before "from"'],
    [{ from: '2020-01-01', to: '2026-01-01' }, 'Invalid query field "interval": the range has more than 1000 points at this interval'],
    [{ foo: 'bar' }, 'Unknown field "foo" in query'],
  ])('answers 400 naming the field for %o', async (query, message) => {
    const res = await get(mrrRoute.GET, 'mrr', query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain(message);
    expect(res.body.code).toBe('validation_error');
  });

  it('refuses bad cohorts and export parameters', async () => {
    expect((await get(retentionRoute.GET, 'retention', { cohorts: 0 })).body.error).toContain('Invalid query field "cohorts"');
    expect((await get(exportRoute.GET, 'export', {})).body.error).toContain('Invalid query field "metric"');
    expect((await get(exportRoute.GET, 'export', { metric: 'mrr', format: 'json' })).body.error).toContain('Invalid query field "format"');
  });
});

describe('series', () => {
  it('default to the last 30 days by day, in usd when the project has no MRR now', async () => {
    const { status, body } = await get(mrrRoute.GET, 'mrr', {});
    expect(status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(body.mrr.currency).toBe('usd');
    expect(body.mrr.series).toHaveLength(30);
    expect(body.mrr.series.at(-1).date).toBe(today);
  });

  it('group by calendar week and month, the first interval starting at `from`', async () => {
    const months = await get(mrrRoute.GET, 'mrr', { from: '2026-02-15', to: '2026-06-30', interval: 'month' });
    expect(months.body.mrr).toEqual({
      currency: 'usd',
      current: 0,
      arr: 0,
      series: [
        { date: '2026-02-15', mrr: 0, new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
        { date: '2026-03-01', mrr: 2900, new: 2900, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
        { date: '2026-04-01', mrr: 5800, new: 0, expansion: 2900, contraction: 0, churned: 0, reactivation: 0 },
        { date: '2026-05-01', mrr: 0, new: 0, expansion: 0, contraction: 0, churned: -5800, reactivation: 0 },
        { date: '2026-06-01', mrr: 0, new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
      ],
    });
    // 2026-03-10 is a Tuesday: its week starts on Monday 2026-03-09, clipped to `from`.
    const weeks = await get(mrrRoute.GET, 'mrr', { from: '2026-03-10', to: '2026-03-25', interval: 'week' });
    expect(weeks.body.mrr.series).toEqual([
      { date: '2026-03-10', mrr: 2900, new: 2900, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
      { date: '2026-03-16', mrr: 2900, new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
      { date: '2026-03-23', mrr: 2900, new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
    ]);
  });

  it('export as CSV, one row per point with the JSON columns', async () => {
    const res = await get(exportRoute.GET, 'export', { metric: 'mrr', format: 'csv', from: '2026-03-01', to: '2026-05-31', interval: 'month' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.body).toBe(
      'date,mrr,new,expansion,contraction,churned,reactivation\n2026-03-01,2900,2900,0,0,0,0\n2026-04-01,5800,0,2900,0,0,0\n2026-05-01,0,0,0,0,-5800,0\n',
    );
    const churnCsv = await get(exportRoute.GET, 'export', { metric: 'churn', from: '2026-05-01', to: '2026-05-31', interval: 'month' });
    expect(churnCsv.body).toBe(
      'date,customersAtStart,churnedCustomers,customerChurnRate,mrrAtStart,churnedMrr,contractionMrr,grossMrrChurnRate,netMrrChurnRate,voluntaryChurnedMrr,delinquentChurnedMrr\n' +
        '2026-05-01,1,1,1,5800,5800,0,1,1,5800,0\n',
    );
    const growthCsv = await get(exportRoute.GET, 'export', { metric: 'customers', from: '2026-03-01', to: '2026-04-30', interval: 'month' });
    expect(growthCsv.body).toBe('date,new,total,paying,trialing\n2026-03-01,1,1,1,0\n2026-04-01,0,1,1,0\n');
  });

  it('retention: the cohort of March keeps its customer in April and loses it in May', async () => {
    const res = await get(retentionRoute.GET, 'retention', { cohorts: 3, from: '2026-03-01', to: '2026-05-31' });
    expect(res.body.retention).toEqual({
      currency: 'usd',
      cohorts: [
        { month: '2026-03', customers: 1, mrr: 2900, logo: [1, 1, 0], revenue: [1, 2, 0] },
        { month: '2026-04', customers: 0, mrr: 0, logo: [null, null], revenue: [null, null] },
        { month: '2026-05', customers: 0, mrr: 0, logo: [null], revenue: [null] },
      ],
      // (2,900 + 2,900) gained over 5,800 lost
      quickRatio: 1,
    });
  });
});
