import { projectRoute } from '@/lib/auth/routes';
import { created, ok } from '@/lib/http/respond';
import { createWebhookEndpoint, listWebhookEndpoints } from '@/lib/outgoing-webhooks/endpoints';
import { createWebhookEndpointBody, listWebhookEndpointsQuery } from '@/lib/outgoing-webhooks/schemas';

export const GET = projectRoute({ scope: 'webhooks:read', query: listWebhookEndpointsQuery }, async ({ db, project, query }) =>
  ok(await listWebhookEndpoints(db, project, query)),
);

export const POST = projectRoute({ scope: 'webhooks:write', body: createWebhookEndpointBody }, async ({ db, project, actor, body }) =>
  created(await createWebhookEndpoint(db, project, body, actor)),
);
