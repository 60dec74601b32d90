import { z } from 'zod';
import { endpoint, rows } from '../endpoint';
import { analyticsApi } from './analytics';
import { catalogApi } from './catalog';
import { customersApi } from './customers';
import { outgoingWebhooksApi } from './outgoing-webhooks';
import { checkoutApi, portalApi, portalTokensApi } from './portal';
import { projectsApi } from './projects';
import { referralsApi } from './referrals';
import { subscriptionsApi } from './subscriptions';
import { apiKeysApi, membersApi, stripeApi, teamsApi } from './teams';

export const metaApi = {
  openapi: endpoint({
    method: 'GET',
    path: '/api/billstack/openapi.json',
    auth: 'public',
    tag: 'Meta',
    summary: 'This OpenAPI document',
    response: {
      status: 200,
      schema: z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({ version: z.string() }), paths: z.record(z.string(), z.unknown()) }),
    },
  }),
};

/** Every endpoint under app/api/billstack, once: tests/api/route-table.test.ts holds the route files to it. */
export const routeTable = rows({
  teams: teamsApi,
  members: membersApi,
  apiKeys: apiKeysApi,
  stripe: stripeApi,
  projects: projectsApi,
  customers: customersApi,
  catalog: catalogApi,
  subscriptions: subscriptionsApi,
  checkout: checkoutApi,
  portalLinks: portalTokensApi,
  analytics: analyticsApi,
  referrals: referralsApi,
  webhookEndpoints: outgoingWebhooksApi,
  portal: portalApi,
  meta: metaApi,
});
