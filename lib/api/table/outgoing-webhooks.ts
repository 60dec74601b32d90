import { z } from 'zod';
import {
  createWebhookEndpointBody,
  listWebhookDeliveriesQuery,
  listWebhookEndpointsQuery,
  updateWebhookEndpointBody,
} from '@/lib/outgoing-webhooks/schemas';
import { deleted, endpoint, page, timestamp } from '../endpoint';
import { projectPath } from './projects';

const endpoints = `${projectPath}/webhook-endpoints`;
const one = `${endpoints}/{endpointId}`;

const webhookEndpointResponse = z
  .strictObject({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    description: z.string().nullable(),
    disabledReason: z.literal('failing').nullable().meta({ description: 'failing: BillStack turned it off after days of failed deliveries' }),
    disabledAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'WebhookEndpoint' });
const deliveryResponse = z
  .strictObject({
    id: z.string(),
    messageId: z.string().meta({ description: 'The `webhook-id` the receiver saw, the same on every attempt.' }),
    eventType: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    responseCode: z.number().int().nullable(),
    responseExcerpt: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    attempt: z.number().int(),
    nextAttemptAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'WebhookDelivery' });
const withSecret = z.strictObject({
  webhookEndpoint: webhookEndpointResponse,
  secret: z.string().meta({ description: 'The signing secret (Standard Webhooks), shown once.', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
});

export const outgoingWebhooksApi = {
  list: endpoint({
    method: 'GET',
    path: endpoints,
    auth: 'project',
    scope: 'webhooks:read',
    tag: 'Webhook endpoints',
    summary: 'List webhook endpoints',
    query: listWebhookEndpointsQuery,
    response: { status: 200, schema: page('webhookEndpoints', webhookEndpointResponse) },
  }),
  create: endpoint({
    method: 'POST',
    path: endpoints,
    auth: 'project',
    scope: 'webhooks:write',
    tag: 'Webhook endpoints',
    summary: 'Create a webhook endpoint',
    body: createWebhookEndpointBody,
    bodyExample: { url: 'https://app.example.com/webhooks/billstack', events: ['subscription.updated', 'invoice.paid'] },
    response: { status: 201, schema: withSecret },
  }),
  get: endpoint({
    method: 'GET',
    path: one,
    auth: 'project',
    scope: 'webhooks:read',
    tag: 'Webhook endpoints',
    summary: 'Get a webhook endpoint',
    response: { status: 200, schema: z.strictObject({ webhookEndpoint: webhookEndpointResponse }) },
  }),
  update: endpoint({
    method: 'PATCH',
    path: one,
    auth: 'project',
    scope: 'webhooks:write',
    tag: 'Webhook endpoints',
    summary: 'Update a webhook endpoint (enabling it again clears `disabledReason`)',
    body: updateWebhookEndpointBody,
    response: { status: 200, schema: z.strictObject({ webhookEndpoint: webhookEndpointResponse }) },
  }),
  delete: endpoint({
    method: 'DELETE',
    path: one,
    auth: 'project',
    scope: 'webhooks:write',
    tag: 'Webhook endpoints',
    summary: 'Delete a webhook endpoint',
    response: { status: 200, schema: deleted },
  }),
  rotateSecret: endpoint({
    method: 'POST',
    path: `${one}/rotate-secret`,
    auth: 'project',
    scope: 'webhooks:write',
    tag: 'Webhook endpoints',
    summary: 'Rotate the signing secret',
    response: { status: 200, schema: withSecret },
  }),
  test: endpoint({
    method: 'POST',
    path: `${one}/test`,
    auth: 'project',
    scope: 'webhooks:write',
    tag: 'Webhook endpoints',
    summary: 'Send a test event now',
    response: { status: 200, schema: z.strictObject({ delivery: deliveryResponse }) },
  }),
  listDeliveries: endpoint({
    method: 'GET',
    path: `${one}/deliveries`,
    auth: 'project',
    scope: 'webhooks:read',
    tag: 'Webhook endpoints',
    summary: "List an endpoint's deliveries",
    query: listWebhookDeliveriesQuery,
    response: { status: 200, schema: page('deliveries', deliveryResponse) },
  }),
  redeliver: endpoint({
    method: 'POST',
    path: `${one}/deliveries/{deliveryId}/redeliver`,
    auth: 'project',
    scope: 'webhooks:write',
    tag: 'Webhook endpoints',
    summary: 'Queue a delivery again',
    response: { status: 202, schema: z.strictObject({ delivery: deliveryResponse }) },
  }),
};
