import type { Scope } from '@/lib/auth/scopes';
import type { RouteHandler } from '@/lib/http/route';
import * as projectRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/route';
import * as customersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/route';
import * as customerRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/route';
import * as customersExportRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/export/route';
import * as productsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/products/route';
import * as productRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/products/[productId]/route';
import * as productPricesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/products/[productId]/prices/route';
import * as pricesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/prices/route';
import * as priceRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/prices/[priceId]/route';
import * as syncRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/sync/route';
import * as portalTokensRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/portal/route';
import * as portalTokenRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/portal/[token]/route';
import { issuePortal } from '../portal/fixtures';
import * as checkoutRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/checkout/route';
import * as subscriptionsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/route';
import * as subscriptionRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/route';
import * as subscriptionsExportRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/export/route';
import * as cancelSubscriptionRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/cancel/route';
import * as resumeSubscriptionRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/resume/route';
import * as changeSubscriptionRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/change/route';
import * as previewChangeRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/change/preview/route';
import * as settingsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/settings/route';
import * as customerSubscriptionsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/subscriptions/route';
import * as customerInvoicesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/invoices/route';
import * as analyticsMrrRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/mrr/route';
import * as analyticsChurnRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/churn/route';
import * as analyticsCustomersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/customers/route';
import * as analyticsRetentionRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/retention/route';
import * as analyticsSummaryRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/summary/route';
import * as analyticsExportRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/export/route';
import * as analyticsWebhooksRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/webhooks/route';
import * as analyticsRebuildRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/rebuild/route';
import * as referralConfigRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/config/route';
import * as referralCodesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/codes/route';
import * as referralCodeRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/codes/[code]/route';
import * as referralApplyRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/apply/route';
import * as referralsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/route';
import * as referralRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/[referralId]/route';
import * as referralStatsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/stats/route';
import * as webhookEndpointsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/route';
import * as webhookEndpointRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/[endpointId]/route';
import * as webhookRotateRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/[endpointId]/rotate-secret/route';
import * as webhookTestRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/[endpointId]/test/route';
import * as webhookDeliveriesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/[endpointId]/deliveries/route';
import * as webhookRedeliverRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/[endpointId]/deliveries/[deliveryId]/redeliver/route';
import { createWebhookEndpoint, deadUrl, sendTestEvent } from '../outgoing-webhooks/fixtures';
import { applyReferral, configureReferrals, createReferralCode, exampleConfig } from '../referrals/fixtures';
import { createSubscriptionRow, redirects } from '../subscriptions/fixtures';
import { uniqueEmail } from './fixtures';
import { createCustomerRow, createPriceRow, createProductRow } from './catalog';
import type { World } from './world';

/**
 * Every project endpoint, for the shared security matrix (tests/auth/project-guard.test.ts).
 * A new endpoint joins the matrix with one entry here.
 */
export interface ProjectEndpoint {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  handler: RouteHandler;
  /** The path below /projects/{projectId}, and its extra params, made fresh for each call. */
  target?: (world: World) => Promise<{ path: string; params?: Record<string, string> }>;
  scope?: Scope;
  body?: () => unknown;
  /** The status of an authorised call. */
  success: number;
}

const customerTarget = async (world: World) => {
  const customer = await createCustomerRow(world);
  return { path: `/customers/${customer.id}`, params: { customerId: customer.id } };
};
const productTarget = (suffix = '') => async (world: World) => {
  const product = await createProductRow(world);
  return { path: `/products/${product.id}${suffix}`, params: { productId: product.id } };
};
const priceTarget = async (world: World) => {
  const price = await createPriceRow(world);
  return { path: `/prices/${price.id}`, params: { priceId: price.id } };
};

// The portal POST body names a customer its target made: targets run before bodies, so the id waits here.
let portalCustomerId = '';
const portalTarget = async (world: World) => {
  portalCustomerId = (await createCustomerRow(world)).id;
  return { path: '/portal' };
};
const portalTokenTarget = async (world: World) => {
  const { token } = await issuePortal(world, { customerId: (await createCustomerRow(world)).id });
  return { path: `/portal/${token}`, params: { token } };
};

// The checkout body names a price its target made: targets run before bodies, so the id waits here.
let checkoutPriceId = '';
const checkoutTarget = async (world: World) => {
  checkoutPriceId = (await createPriceRow(world)).id;
  return { path: '/checkout' };
};
const subscriptionTarget = (suffix = '') => async (world: World) => {
  const { subscription } = await createSubscriptionRow(world);
  return { path: `/subscriptions/${subscription.id}${suffix}`, params: { subscriptionId: subscription.id } };
};
// A plan change body names its subscription's own price (a change to the same items): the id waits here.
let changePriceId = '';
const changeTarget = (suffix: string) => async (world: World) => {
  const { subscription, price } = await createSubscriptionRow(world);
  changePriceId = price.id;
  return { path: `/subscriptions/${subscription.id}${suffix}`, params: { subscriptionId: subscription.id } };
};
const customerListTarget = (list: 'subscriptions' | 'invoices') => async (world: World) => {
  const { path, params } = await customerTarget(world);
  return { path: `${path}/${list}`, params };
};

// Referral targets: the project's referrals are enabled first; bodies name what their target made.
let referralCustomerId = '';
let referralApply = { code: '', customerId: '' };
const referralCodeTarget = async (world: World) => {
  await configureReferrals(world);
  const code = await createReferralCode(world, { customerId: (await createCustomerRow(world)).id });
  return { path: `/referrals/codes/${code.code}`, params: { code: code.code } };
};
const referralCodesTarget = async (world: World) => {
  referralCustomerId = (await createCustomerRow(world)).id;
  return { path: '/referrals/codes' };
};
const referralApplyTarget = async (world: World) => {
  await configureReferrals(world);
  const code = await createReferralCode(world, { customerId: (await createCustomerRow(world)).id });
  referralApply = { code: code.code, customerId: (await createCustomerRow(world)).id };
  return { path: '/referrals/apply' };
};
const referralTarget = async (world: World) => {
  await referralApplyTarget(world);
  const { body } = await applyReferral(world, referralApply);
  return { path: `/referrals/${body.referral.id}`, params: { referralId: body.referral.id } };
};

const webhookEndpointTarget = (suffix = '') => async (world: World) => {
  const { webhookEndpoint } = await createWebhookEndpoint(world);
  return { path: `/webhook-endpoints/${webhookEndpoint.id}${suffix}`, params: { endpointId: webhookEndpoint.id } };
};
const redeliverTarget = async (world: World) => {
  const { webhookEndpoint } = await createWebhookEndpoint(world);
  const delivery = await sendTestEvent(world, webhookEndpoint.id);
  return {
    path: `/webhook-endpoints/${webhookEndpoint.id}/deliveries/${delivery.id}/redeliver`,
    params: { endpointId: webhookEndpoint.id, deliveryId: delivery.id },
  };
};

export const projectEndpoints: ProjectEndpoint[] = [
  { name: 'GET project', method: 'GET', handler: projectRoute.GET, success: 200 },
  { name: 'GET customers', method: 'GET', handler: customersRoute.GET, scope: 'customers:read', target: async () => ({ path: '/customers' }), success: 200 },
  { name: 'GET customers export', method: 'GET', handler: customersExportRoute.GET, scope: 'customers:read', target: async () => ({ path: '/customers/export' }), success: 200 },
  {
    name: 'POST customers',
    method: 'POST',
    handler: customersRoute.POST,
    scope: 'customers:write',
    target: async () => ({ path: '/customers' }),
    body: () => ({ email: uniqueEmail('matrix') }),
    success: 201,
  },
  { name: 'GET customer', method: 'GET', handler: customerRoute.GET, scope: 'customers:read', target: customerTarget, success: 200 },
  {
    name: 'PATCH customer',
    method: 'PATCH',
    handler: customerRoute.PATCH,
    scope: 'customers:write',
    target: customerTarget,
    body: () => ({ name: 'Renamed' }),
    success: 200,
  },
  { name: 'DELETE customer', method: 'DELETE', handler: customerRoute.DELETE, scope: 'customers:write', target: customerTarget, success: 200 },
  { name: 'GET products', method: 'GET', handler: productsRoute.GET, scope: 'products:read', target: async () => ({ path: '/products' }), success: 200 },
  {
    name: 'POST products',
    method: 'POST',
    handler: productsRoute.POST,
    scope: 'products:write',
    target: async () => ({ path: '/products' }),
    body: () => ({ name: 'Matrix plan' }),
    success: 201,
  },
  { name: 'GET product', method: 'GET', handler: productRoute.GET, scope: 'products:read', target: productTarget(), success: 200 },
  {
    name: 'PATCH product',
    method: 'PATCH',
    handler: productRoute.PATCH,
    scope: 'products:write',
    target: productTarget(),
    body: () => ({ name: 'Renamed' }),
    success: 200,
  },
  { name: 'DELETE product', method: 'DELETE', handler: productRoute.DELETE, scope: 'products:write', target: productTarget(), success: 200 },
  { name: 'GET product prices', method: 'GET', handler: productPricesRoute.GET, scope: 'products:read', target: productTarget('/prices'), success: 200 },
  {
    name: 'POST product prices',
    method: 'POST',
    handler: productPricesRoute.POST,
    scope: 'products:write',
    target: productTarget('/prices'),
    body: () => ({ unitAmount: 500, currency: 'usd' }),
    success: 201,
  },
  { name: 'GET prices', method: 'GET', handler: pricesRoute.GET, scope: 'products:read', target: async () => ({ path: '/prices' }), success: 200 },
  { name: 'GET price', method: 'GET', handler: priceRoute.GET, scope: 'products:read', target: priceTarget, success: 200 },
  {
    name: 'PATCH price',
    method: 'PATCH',
    handler: priceRoute.PATCH,
    scope: 'products:write',
    target: priceTarget,
    body: () => ({ nickname: 'Renamed' }),
    success: 200,
  },
  { name: 'GET sync', method: 'GET', handler: syncRoute.GET, scope: 'analytics:read', target: async () => ({ path: '/sync' }), success: 200 },
  { name: 'POST sync', method: 'POST', handler: syncRoute.POST, scope: '*', target: async () => ({ path: '/sync' }), success: 200 },
  {
    name: 'POST portal',
    method: 'POST',
    handler: portalTokensRoute.POST,
    scope: 'portal:write',
    target: portalTarget,
    body: () => ({ customerId: portalCustomerId }),
    success: 201,
  },
  { name: 'DELETE portal token', method: 'DELETE', handler: portalTokenRoute.DELETE, scope: 'portal:write', target: portalTokenTarget, success: 200 },
  {
    name: 'POST checkout',
    method: 'POST',
    handler: checkoutRoute.POST,
    scope: 'checkout:write',
    target: checkoutTarget,
    body: () => ({ customerEmail: uniqueEmail('matrix'), priceId: checkoutPriceId, ...redirects }),
    success: 201,
  },
  { name: 'GET subscriptions', method: 'GET', handler: subscriptionsRoute.GET, scope: 'subscriptions:read', target: async () => ({ path: '/subscriptions' }), success: 200 },
  {
    name: 'GET subscriptions export',
    method: 'GET',
    handler: subscriptionsExportRoute.GET,
    scope: 'subscriptions:read',
    target: async () => ({ path: '/subscriptions/export' }),
    success: 200,
  },
  { name: 'GET subscription', method: 'GET', handler: subscriptionRoute.GET, scope: 'subscriptions:read', target: subscriptionTarget(), success: 200 },
  {
    name: 'POST subscription cancel',
    method: 'POST',
    handler: cancelSubscriptionRoute.POST,
    scope: 'subscriptions:write',
    target: subscriptionTarget('/cancel'),
    success: 200,
  },
  {
    name: 'POST subscription resume',
    method: 'POST',
    handler: resumeSubscriptionRoute.POST,
    scope: 'subscriptions:write',
    target: subscriptionTarget('/resume'),
    success: 200,
  },
  {
    name: 'POST subscription change',
    method: 'POST',
    handler: changeSubscriptionRoute.POST,
    scope: 'subscriptions:write',
    target: changeTarget('/change'),
    body: () => ({ items: [{ priceId: changePriceId }], when: 'now', proration: 'none' }),
    success: 200,
  },
  {
    name: 'POST subscription change preview',
    method: 'POST',
    handler: previewChangeRoute.POST,
    scope: 'subscriptions:read',
    target: changeTarget('/change/preview'),
    body: () => ({ items: [{ priceId: changePriceId }] }),
    success: 200,
  },
  { name: 'GET settings', method: 'GET', handler: settingsRoute.GET, scope: 'subscriptions:read', target: async () => ({ path: '/settings' }), success: 200 },
  {
    name: 'PUT settings',
    method: 'PUT',
    handler: settingsRoute.PUT,
    scope: '*',
    target: async () => ({ path: '/settings' }),
    body: () => ({ planChanges: { upgrade: { when: 'now', proration: 'always_invoice' }, downgrade: { when: 'period_end', proration: 'none' } } }),
    success: 200,
  },
  {
    name: 'GET customer subscriptions',
    method: 'GET',
    handler: customerSubscriptionsRoute.GET,
    scope: 'subscriptions:read',
    target: customerListTarget('subscriptions'),
    success: 200,
  },
  {
    name: 'GET customer invoices',
    method: 'GET',
    handler: customerInvoicesRoute.GET,
    scope: 'subscriptions:read',
    target: customerListTarget('invoices'),
    success: 200,
  },
  { name: 'GET analytics mrr', method: 'GET', handler: analyticsMrrRoute.GET, scope: 'analytics:read', target: async () => ({ path: '/analytics/mrr' }), success: 200 },
  { name: 'GET analytics churn', method: 'GET', handler: analyticsChurnRoute.GET, scope: 'analytics:read', target: async () => ({ path: '/analytics/churn' }), success: 200 },
  {
    name: 'GET analytics customers',
    method: 'GET',
    handler: analyticsCustomersRoute.GET,
    scope: 'analytics:read',
    target: async () => ({ path: '/analytics/customers' }),
    success: 200,
  },
  {
    name: 'GET analytics retention',
    method: 'GET',
    handler: analyticsRetentionRoute.GET,
    scope: 'analytics:read',
    target: async () => ({ path: '/analytics/retention' }),
    success: 200,
  },
  { name: 'GET analytics summary', method: 'GET', handler: analyticsSummaryRoute.GET, scope: 'analytics:read', target: async () => ({ path: '/analytics/summary' }), success: 200 },
  {
    name: 'GET analytics export',
    method: 'GET',
    handler: analyticsExportRoute.GET,
    scope: 'analytics:read',
    target: async () => ({ path: '/analytics/export?metric=mrr' }),
    success: 200,
  },
  { name: 'GET analytics webhooks', method: 'GET', handler: analyticsWebhooksRoute.GET, scope: 'analytics:read', target: async () => ({ path: '/analytics/webhooks' }), success: 200 },
  { name: 'POST analytics rebuild', method: 'POST', handler: analyticsRebuildRoute.POST, scope: '*', target: async () => ({ path: '/analytics/rebuild' }), success: 200 },
  { name: 'GET referral config', method: 'GET', handler: referralConfigRoute.GET, scope: 'referrals:read', target: async () => ({ path: '/referrals/config' }), success: 200 },
  {
    name: 'PUT referral config',
    method: 'PUT',
    handler: referralConfigRoute.PUT,
    scope: 'referrals:write',
    target: async () => ({ path: '/referrals/config' }),
    body: () => exampleConfig,
    success: 200,
  },
  { name: 'GET referral codes', method: 'GET', handler: referralCodesRoute.GET, scope: 'referrals:read', target: async () => ({ path: '/referrals/codes' }), success: 200 },
  {
    name: 'POST referral codes',
    method: 'POST',
    handler: referralCodesRoute.POST,
    scope: 'referrals:write',
    target: referralCodesTarget,
    body: () => ({ customerId: referralCustomerId }),
    success: 201,
  },
  { name: 'GET referral code', method: 'GET', handler: referralCodeRoute.GET, scope: 'referrals:read', target: referralCodeTarget, success: 200 },
  { name: 'DELETE referral code', method: 'DELETE', handler: referralCodeRoute.DELETE, scope: 'referrals:write', target: referralCodeTarget, success: 200 },
  {
    name: 'POST referral apply',
    method: 'POST',
    handler: referralApplyRoute.POST,
    scope: 'referrals:write',
    target: referralApplyTarget,
    body: () => referralApply,
    success: 201,
  },
  { name: 'GET referrals', method: 'GET', handler: referralsRoute.GET, scope: 'referrals:read', target: async () => ({ path: '/referrals' }), success: 200 },
  { name: 'GET referral', method: 'GET', handler: referralRoute.GET, scope: 'referrals:read', target: referralTarget, success: 200 },
  { name: 'GET referral stats', method: 'GET', handler: referralStatsRoute.GET, scope: 'referrals:read', target: async () => ({ path: '/referrals/stats' }), success: 200 },
  {
    name: 'GET webhook endpoints',
    method: 'GET',
    handler: webhookEndpointsRoute.GET,
    scope: 'webhooks:read',
    target: async () => ({ path: '/webhook-endpoints' }),
    success: 200,
  },
  {
    name: 'POST webhook endpoints',
    method: 'POST',
    handler: webhookEndpointsRoute.POST,
    scope: 'webhooks:write',
    target: async () => ({ path: '/webhook-endpoints' }),
    body: () => ({ url: deadUrl, events: ['*'] }),
    success: 201,
  },
  { name: 'GET webhook endpoint', method: 'GET', handler: webhookEndpointRoute.GET, scope: 'webhooks:read', target: webhookEndpointTarget(), success: 200 },
  {
    name: 'PATCH webhook endpoint',
    method: 'PATCH',
    handler: webhookEndpointRoute.PATCH,
    scope: 'webhooks:write',
    target: webhookEndpointTarget(),
    body: () => ({ enabled: false }),
    success: 200,
  },
  { name: 'DELETE webhook endpoint', method: 'DELETE', handler: webhookEndpointRoute.DELETE, scope: 'webhooks:write', target: webhookEndpointTarget(), success: 200 },
  {
    name: 'POST webhook endpoint rotate-secret',
    method: 'POST',
    handler: webhookRotateRoute.POST,
    scope: 'webhooks:write',
    target: webhookEndpointTarget('/rotate-secret'),
    success: 200,
  },
  { name: 'POST webhook endpoint test', method: 'POST', handler: webhookTestRoute.POST, scope: 'webhooks:write', target: webhookEndpointTarget('/test'), success: 200 },
  {
    name: 'GET webhook deliveries',
    method: 'GET',
    handler: webhookDeliveriesRoute.GET,
    scope: 'webhooks:read',
    target: webhookEndpointTarget('/deliveries'),
    success: 200,
  },
  { name: 'POST webhook redeliver', method: 'POST', handler: webhookRedeliverRoute.POST, scope: 'webhooks:write', target: redeliverTarget, success: 202 },
];
