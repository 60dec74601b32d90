import { z } from 'zod';
import { createCheckoutBody } from '@/lib/checkout/schemas';
import { paginationQuery } from '@/lib/http/pagination';
import { createPortalBody, portalPlanChangeBody, portalPlanChangeQuery } from '@/lib/portal/schemas';
import { referralStatuses } from '@/lib/referrals/schemas';
import { endpoint, page, timestamp } from '../endpoint';
import { priceInterval } from './catalog';
import { projectPath } from './projects';
import { invoiceResponse, planChangePreviewResponse, subscriptionItem, subscriptionShape } from './subscriptions';

const portal = '/api/billstack/portal/{token}';
const portalSubscription = `${portal}/subscriptions/{subscriptionId}`;

const plan = {
  productName: z.string(),
  unitAmount: z.number().int(),
  currency: z.string(),
  interval: priceInterval,
  intervalCount: z.number().int().nullable(),
};
// An item whose price BillStack does not know (made in Stripe directly) has no plan to show.
const portalItem = z.union([
  subscriptionItem.extend(plan),
  subscriptionItem.extend({ productName: z.null(), unitAmount: z.null(), currency: z.null(), interval: z.null(), intervalCount: z.null() }),
]);
const portalSubscriptionResponse = subscriptionShape(portalItem).meta({ id: 'PortalSubscription' });
const one = z.strictObject({ subscription: portalSubscriptionResponse });

export const checkoutApi = {
  create: endpoint({
    method: 'POST',
    path: `${projectPath}/checkout`,
    auth: 'project',
    scope: 'checkout:write',
    tag: 'Checkout',
    summary: 'Create a Stripe Checkout session',
    body: createCheckoutBody,
    bodyExample: {
      customerEmail: 'jane@example.com',
      priceId: 'pri_i9j0k1l2',
      successUrl: 'https://app.example.com/billing/success',
      cancelUrl: 'https://app.example.com/billing',
    },
    response: {
      status: 201,
      schema: z.strictObject({
        checkout: z
          .strictObject({ id: z.string(), url: z.string(), expiresAt: timestamp })
          .meta({
            example: { id: 'cs_test_a1b2c3', url: 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3', expiresAt: '2026-03-31T12:00:00.000Z' },
          }),
      }),
    },
    errors: [409, 502],
  }),
};

export const portalTokensApi = {
  create: endpoint({
    method: 'POST',
    path: `${projectPath}/portal`,
    auth: 'project',
    scope: 'portal:write',
    tag: 'Portal',
    summary: 'Create a customer portal link',
    description: 'The `url` opens BillStack\'s portal for the customer until `expiresAt`, without any other credential.',
    body: createPortalBody,
    bodyExample: { customerId: 'pc_a1b2c3d4', returnUrl: 'https://app.example.com/account' },
    response: {
      status: 201,
      schema: z.strictObject({ portal: z.strictObject({ token: z.string(), url: z.string(), expiresAt: timestamp }) }),
    },
  }),
  revoke: endpoint({
    method: 'DELETE',
    path: `${projectPath}/portal/{token}`,
    auth: 'project',
    scope: 'portal:write',
    tag: 'Portal',
    summary: 'Revoke a portal link',
    response: { status: 200, schema: z.strictObject({ token: z.string(), revoked: z.literal(true) }) },
  }),
};

export const portalApi = {
  get: endpoint({
    method: 'GET',
    path: portal,
    auth: 'portal',
    tag: 'Customer portal',
    summary: "The portal token's customer",
    response: {
      status: 200,
      schema: z.strictObject({
        customer: z.strictObject({ id: z.string(), email: z.string(), name: z.string().nullable() }),
        returnUrl: z.string().nullable(),
        expiresAt: timestamp,
      }),
    },
  }),
  listSubscriptions: endpoint({
    method: 'GET',
    path: `${portal}/subscriptions`,
    auth: 'portal',
    tag: 'Customer portal',
    summary: "The customer's subscriptions with their plans",
    query: paginationQuery,
    response: { status: 200, schema: page('subscriptions', portalSubscriptionResponse) },
  }),
  listInvoices: endpoint({
    method: 'GET',
    path: `${portal}/invoices`,
    auth: 'portal',
    tag: 'Customer portal',
    summary: "The customer's invoices",
    query: paginationQuery,
    response: { status: 200, schema: page('invoices', invoiceResponse) },
  }),
  referrals: endpoint({
    method: 'GET',
    path: `${portal}/referrals`,
    auth: 'portal',
    tag: 'Customer portal',
    summary: "The customer's referral code, referrals and rewards (null when referrals are off)",
    response: {
      status: 200,
      schema: z.strictObject({
        referralProgram: z
          .strictObject({
            code: z.string(),
            shareUrl: z.string().nullable(),
            referrals: z.array(
              z.strictObject({ id: z.string(), referee: z.string(), status: z.enum(referralStatuses), createdAt: timestamp }),
            ),
            rewards: z.strictObject({
              count: z.number().int(),
              credits: z.record(z.string(), z.number().int()),
              coupons: z.number().int(),
            }),
          })
          .nullable(),
      }),
    },
  }),
  stripePortal: endpoint({
    method: 'POST',
    path: `${portal}/stripe-portal`,
    auth: 'portal',
    tag: 'Customer portal',
    summary: "Open Stripe's billing portal (payment methods) for the customer",
    response: { status: 200, schema: z.strictObject({ url: z.string() }) },
    errors: [502],
  }),
  plans: endpoint({
    method: 'GET',
    path: `${portalSubscription}/plans`,
    auth: 'portal',
    tag: 'Customer portal',
    summary: 'The plans a subscription may change to',
    response: {
      status: 200,
      schema: z.strictObject({ plans: z.array(z.strictObject({ current: z.boolean(), priceId: z.string(), ...plan })) }),
    },
  }),
  previewChange: endpoint({
    method: 'GET',
    path: `${portalSubscription}/change/preview`,
    auth: 'portal',
    tag: 'Customer portal',
    summary: 'Preview a change to another plan',
    query: portalPlanChangeQuery,
    response: { status: 200, schema: z.strictObject({ preview: planChangePreviewResponse }) },
    errors: [409, 502],
  }),
  change: endpoint({
    method: 'POST',
    path: `${portalSubscription}/change`,
    auth: 'portal',
    tag: 'Customer portal',
    summary: 'Change to another plan',
    body: portalPlanChangeBody,
    response: { status: 200, schema: one },
    errors: [409, 502],
  }),
  cancel: endpoint({
    method: 'POST',
    path: `${portalSubscription}/cancel`,
    auth: 'portal',
    tag: 'Customer portal',
    summary: 'Cancel at the end of the period',
    response: { status: 200, schema: one },
    errors: [409, 502],
  }),
  resume: endpoint({
    method: 'POST',
    path: `${portalSubscription}/resume`,
    auth: 'portal',
    tag: 'Customer portal',
    summary: 'Resume a subscription set to cancel',
    response: { status: 200, schema: one },
    errors: [409, 502],
  }),
};
