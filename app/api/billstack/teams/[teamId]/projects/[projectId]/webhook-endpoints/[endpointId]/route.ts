import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint, webhookEndpointView } from '@/lib/outgoing-webhooks/endpoints';
import { updateWebhookEndpointBody } from '@/lib/outgoing-webhooks/schemas';

export const GET = projectRoute({ scope: 'webhooks:read' }, async ({ db, project, params }) =>
  ok({ webhookEndpoint: webhookEndpointView(await getWebhookEndpoint(db, project, params.endpointId)) }),
);

export const PATCH = projectRoute({ scope: 'webhooks:write', body: updateWebhookEndpointBody }, async ({ db, project, actor, params, body }) =>
  ok({ webhookEndpoint: webhookEndpointView(await updateWebhookEndpoint(db, project, params.endpointId, body, actor)) }),
);

export const DELETE = projectRoute({ scope: 'webhooks:write' }, async ({ db, project, actor, params }) =>
  ok(await deleteWebhookEndpoint(db, project, params.endpointId, actor)),
);
