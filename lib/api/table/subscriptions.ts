import { z } from 'zod';
import { planChangeTimings, prorationBehaviors } from '@/db/schema';
import { cancelSubscriptionBody, changePlanBody, exportSubscriptionsQuery, listSubscriptionsQuery, subscriptionStatuses } from '@/lib/subscriptions/schemas';
import { endpoint, page, timestamp } from '../endpoint';
import { projectPath } from './projects';

const subscription = `${projectPath}/subscriptions/{subscriptionId}`;

export const subscriptionItem = z.strictObject({ priceId: z.string().nullable(), stripePriceId: z.string(), quantity: z.number().int() });

/** A subscription as the project API and the portal answer it, the portal's items carrying their plan. */
export function subscriptionShape<I extends z.ZodType>(item: I) {
  return z.strictObject({
    id: z.string(),
    customerId: z.string(),
    status: z.enum(subscriptionStatuses),
    currency: z.string(),
    items: z.array(item),
    currentPeriodStart: timestamp.nullable(),
    currentPeriodEnd: timestamp.nullable(),
    cancelAtPeriodEnd: z.boolean(),
    canceledAt: timestamp.nullable(),
    endedAt: timestamp.nullable(),
    cancellationReason: z.string().nullable(),
    trialEnd: timestamp.nullable(),
    pendingChange: z.strictObject({ items: z.array(item), effectiveAt: timestamp }).nullable(),
    stripeSubscriptionId: z.string(),
    createdAt: timestamp,
  });
}

export const subscriptionResponse = subscriptionShape(subscriptionItem).meta({ id: 'Subscription' });

export const invoiceResponse = z
  .strictObject({
    id: z.string(),
    customerId: z.string(),
    subscriptionId: z.string().nullable(),
    stripeInvoiceId: z.string(),
    number: z.string().nullable(),
    status: z.string(),
    currency: z.string(),
    amountDue: z.number().int(),
    amountPaid: z.number().int(),
    total: z.number().int(),
    periodStart: timestamp.nullable(),
    periodEnd: timestamp.nullable(),
    paidAt: timestamp.nullable(),
    hostedInvoiceUrl: z.string().nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'Invoice' });

export const planChangePreviewResponse = z
  .strictObject({
    when: z.enum(planChangeTimings),
    proration: z.enum(prorationBehaviors),
    prorationDate: timestamp.nullable(),
    amountDueNow: z.number().int(),
    currency: z.string(),
    nextInvoiceAmount: z.number().int(),
    nextInvoiceAt: timestamp,
    lines: z.array(
      z.strictObject({
        description: z.string().nullable(),
        amount: z.number().int(),
        proration: z.boolean(),
        periodStart: timestamp,
        periodEnd: timestamp,
        due: z.enum(['now', 'next_invoice']),
      }),
    ),
  })
  .meta({ id: 'PlanChangePreview' });

const one = z.strictObject({ subscription: subscriptionResponse });

export const subscriptionsApi = {
  list: endpoint({
    method: 'GET',
    path: `${projectPath}/subscriptions`,
    auth: 'project',
    scope: 'subscriptions:read',
    tag: 'Subscriptions',
    summary: 'List subscriptions',
    query: listSubscriptionsQuery,
    response: { status: 200, schema: page('subscriptions', subscriptionResponse) },
  }),
  export: endpoint({
    method: 'GET',
    path: `${projectPath}/subscriptions/export`,
    auth: 'project',
    scope: 'subscriptions:read',
    tag: 'Subscriptions',
    summary: "Download the list's matching subscriptions as CSV (at most 10,000: narrow the filters beyond)",
    query: exportSubscriptionsQuery,
    response: { status: 200, contentType: 'text/csv', description: 'One row per subscription, with the columns of the list.' },
  }),
  get: endpoint({
    method: 'GET',
    path: subscription,
    auth: 'project',
    scope: 'subscriptions:read',
    tag: 'Subscriptions',
    summary: 'Get a subscription',
    response: { status: 200, schema: one },
  }),
  cancel: endpoint({
    method: 'POST',
    path: `${subscription}/cancel`,
    auth: 'project',
    scope: 'subscriptions:write',
    tag: 'Subscriptions',
    summary: 'Cancel a subscription (at the period end unless `atPeriodEnd: false`)',
    body: cancelSubscriptionBody,
    bodyExample: { atPeriodEnd: true },
    response: { status: 200, schema: one },
    errors: [409, 502],
  }),
  resume: endpoint({
    method: 'POST',
    path: `${subscription}/resume`,
    auth: 'project',
    scope: 'subscriptions:write',
    tag: 'Subscriptions',
    summary: 'Resume a subscription set to cancel at the period end',
    response: { status: 200, schema: one },
    errors: [409, 502],
  }),
  change: endpoint({
    method: 'POST',
    path: `${subscription}/change`,
    auth: 'project',
    scope: 'subscriptions:write',
    tag: 'Subscriptions',
    summary: 'Change the plan (items) of a subscription',
    body: changePlanBody,
    bodyExample: { items: [{ priceId: 'pri_i9j0k1l2', quantity: 1 }], when: 'now', proration: 'always_invoice' },
    response: { status: 200, schema: one },
    errors: [409, 502],
  }),
  previewChange: endpoint({
    method: 'POST',
    path: `${subscription}/change/preview`,
    auth: 'project',
    scope: 'subscriptions:read',
    tag: 'Subscriptions',
    summary: 'Preview what a plan change would bill',
    description: 'A POST only because it takes the change as its body; it changes nothing.',
    body: changePlanBody,
    response: { status: 200, schema: z.strictObject({ preview: planChangePreviewResponse }) },
    errors: [409, 502],
  }),
};
