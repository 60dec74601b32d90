import type Stripe from 'stripe';
import { validApiVersion } from './api-versions';
import { accountNow } from './clock';
import type { Route } from './context';
import { invalidRequest, missingParam } from './errors';
import { mergeMetadata, type Params } from './form';
import { findOr404, insert, listAll, newId, paginate, randomString } from './store';

function validUrl(body: Params): string | undefined {
  const url = body.string('url');
  if (url !== undefined && !/^https?:\/\/[^\s]+$/.test(url)) throw invalidRequest(`Invalid URL: ${url}`, 'url');
  return url;
}

/** The version events are rendered in for this endpoint; null: the account's default version. */
function apiVersion(body: Params): string | null {
  const version = body.string('api_version');
  if (version === undefined) return null;
  if (!validApiVersion(version)) throw invalidRequest(`Invalid api_version: ${version}`, 'api_version');
  return version;
}

function enabledEvents(body: Params): string[] | undefined {
  if (!body.has('enabled_events')) return undefined;
  const events = body.strings('enabled_events');
  if (events.length === 0) throw missingParam('enabled_events');
  return events;
}

export const webhookEndpointRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/webhook_endpoints',
    handler: ({ account, body }) => {
      const url = validUrl(body);
      if (!url) throw missingParam('url');
      const events = enabledEvents(body);
      if (!events) throw missingParam('enabled_events');
      const endpoint: Stripe.WebhookEndpoint = {
        id: newId('we'),
        object: 'webhook_endpoint',
        api_version: apiVersion(body),
        application: null,
        created: accountNow(account),
        description: body.string('description') ?? null,
        enabled_events: events,
        livemode: account.livemode,
        metadata: mergeMetadata({}, body.metadata()),
        status: 'enabled',
        url,
      };
      insert(account, 'webhook_endpoints', endpoint);
      const secret = `whsec_${randomString(32)}`;
      account.webhookSecrets[endpoint.id] = secret;
      return { ...endpoint, secret };
    },
  },
  {
    method: 'GET',
    path: '/v1/webhook_endpoints/:id',
    handler: ({ account, params }) => findOr404(account, 'webhook_endpoints', params.id),
  },
  {
    method: 'POST',
    path: '/v1/webhook_endpoints/:id',
    handler: ({ account, params, body }) => {
      const endpoint = findOr404(account, 'webhook_endpoints', params.id);
      endpoint.url = validUrl(body) ?? endpoint.url;
      endpoint.enabled_events = enabledEvents(body) ?? endpoint.enabled_events;
      const description = body.nullableString('description');
      if (description !== undefined) endpoint.description = description;
      const disabled = body.boolean('disabled');
      if (disabled !== undefined) endpoint.status = disabled ? 'disabled' : 'enabled';
      endpoint.metadata = mergeMetadata(endpoint.metadata, body.metadata());
      return endpoint;
    },
  },
  {
    method: 'DELETE',
    path: '/v1/webhook_endpoints/:id',
    handler: ({ account, params }) => {
      const endpoint = findOr404(account, 'webhook_endpoints', params.id);
      delete account.objects.webhook_endpoints[endpoint.id];
      delete account.webhookSecrets[endpoint.id];
      const deleted: Stripe.DeletedWebhookEndpoint = { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
      return deleted;
    },
  },
  {
    method: 'GET',
    path: '/v1/webhook_endpoints',
    handler: ({ account, body }) => paginate(listAll(account, 'webhook_endpoints'), body, '/v1/webhook_endpoints'),
  },
];
