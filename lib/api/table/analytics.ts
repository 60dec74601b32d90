import { z } from 'zod';
import { analyticsQuery, exportQuery, retentionQuery, summaryQuery, webhookStatsQuery } from '@/lib/analytics/schemas';
import { endpoint } from '../endpoint';
import { projectPath } from './projects';

const analytics = `${projectPath}/analytics`;
const count = z.number().int();
const amount = z.number().int().meta({ description: 'In minor units of `currency`.' });
const rate = z.number().nullable().meta({ description: 'A fraction (0.05 is 5%); null when the base is zero.' });
const day = z.string().meta({ example: '2026-03-01' });

const summaryResponse = z
  .strictObject({
    currency: z.string(),
    mrr: amount,
    arr: amount,
    arpa: amount.nullable(),
    payingCustomers: count,
    trialingSubscriptions: count,
    newMrr30d: amount,
    churnedMrr30d: amount,
    customerChurnRate30d: rate,
    quickRatio30d: z.number().nullable(),
  })
  .meta({ id: 'AnalyticsSummary' });

export const analyticsApi = {
  mrr: endpoint({
    method: 'GET',
    path: `${analytics}/mrr`,
    auth: 'project',
    scope: 'analytics:read',
    tag: 'Analytics',
    summary: 'MRR and its movements over time',
    query: analyticsQuery,
    response: {
      status: 200,
      schema: z.strictObject({
        mrr: z.strictObject({
          currency: z.string(),
          current: amount,
          arr: amount,
          series: z.array(
            z.strictObject({
              date: day,
              mrr: amount,
              new: amount,
              expansion: amount,
              contraction: amount,
              churned: amount,
              reactivation: amount,
            }),
          ),
        }),
      }),
    },
  }),
  churn: endpoint({
    method: 'GET',
    path: `${analytics}/churn`,
    auth: 'project',
    scope: 'analytics:read',
    tag: 'Analytics',
    summary: 'Customer and revenue churn over time',
    query: analyticsQuery,
    response: {
      status: 200,
      schema: z.strictObject({
        churn: z.strictObject({
          currency: z.string(),
          series: z.array(
            z.strictObject({
              date: day,
              customersAtStart: count,
              churnedCustomers: count,
              customerChurnRate: rate,
              mrrAtStart: amount,
              churnedMrr: amount,
              contractionMrr: amount,
              grossMrrChurnRate: rate,
              netMrrChurnRate: rate,
              voluntaryChurnedMrr: amount,
              delinquentChurnedMrr: amount,
            }),
          ),
        }),
      }),
    },
  }),
  customers: endpoint({
    method: 'GET',
    path: `${analytics}/customers`,
    auth: 'project',
    scope: 'analytics:read',
    tag: 'Analytics',
    summary: 'Paying and trialing customers over time',
    query: analyticsQuery,
    response: {
      status: 200,
      schema: z.strictObject({
        customers: z.strictObject({
          currency: z.string(),
          total: count,
          paying: count,
          trialing: count,
          series: z.array(z.strictObject({ date: day, new: count, total: count, paying: count, trialing: count })),
        }),
      }),
    },
  }),
  retention: endpoint({
    method: 'GET',
    path: `${analytics}/retention`,
    auth: 'project',
    scope: 'analytics:read',
    tag: 'Analytics',
    summary: 'Monthly cohorts: logo and revenue retention',
    query: retentionQuery,
    response: {
      status: 200,
      schema: z.strictObject({
        retention: z.strictObject({
          currency: z.string(),
          cohorts: z.array(
            z.strictObject({
              month: z.string().meta({ example: '2026-03' }),
              customers: count,
              mrr: amount,
              logo: z.array(z.number().nullable()),
              revenue: z.array(z.number().nullable()),
            }),
          ),
          quickRatio: z.number().nullable(),
        }),
      }),
    },
  }),
  summary: endpoint({
    method: 'GET',
    path: `${analytics}/summary`,
    auth: 'project',
    scope: 'analytics:read',
    tag: 'Analytics',
    summary: 'The headline figures',
    query: summaryQuery,
    response: { status: 200, schema: z.strictObject({ summary: summaryResponse }) },
  }),
  webhooks: endpoint({
    method: 'GET',
    path: `${analytics}/webhooks`,
    auth: 'project',
    scope: 'analytics:read',
    tag: 'Analytics',
    summary: 'Stripe webhook delivery statistics',
    query: webhookStatsQuery,
    response: {
      status: 200,
      schema: z.strictObject({
        webhooks: z.strictObject({
          series: z.array(
            z.strictObject({
              date: day,
              received: count,
              applied: count,
              failed: count,
              pending: count,
              duplicates: count,
              p50DelayMs: z.number().nullable(),
              p95DelayMs: z.number().nullable(),
            }),
          ),
          byType: z.array(z.strictObject({ type: z.string(), received: count, failed: count })),
        }),
      }),
    },
  }),
  export: endpoint({
    method: 'GET',
    path: `${analytics}/export`,
    auth: 'project',
    scope: 'analytics:read',
    tag: 'Analytics',
    summary: 'Download a metric as CSV',
    query: exportQuery,
    response: { status: 200, contentType: 'text/csv', description: 'The series of the metric, one row per date.' },
  }),
  rebuild: endpoint({
    method: 'POST',
    path: `${analytics}/rebuild`,
    auth: 'project',
    scope: '*',
    tag: 'Analytics',
    summary: 'Rebuild the analytics from the stored history',
    response: { status: 200, schema: z.strictObject({ summary: summaryResponse }) },
  }),
};
