import { outgoingWebhooksApi } from '@/lib/api/table/outgoing-webhooks';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint, webhookEndpointView } from '@/lib/outgoing-webhooks/endpoints';

export const GET = projectRoute(outgoingWebhooksApi.get, async ({ db, project, params }) =>
  ok({ webhookEndpoint: webhookEndpointView(await getWebhookEndpoint(db, project, params.endpointId)) }),
);

export const PATCH = projectRoute(outgoingWebhooksApi.update, async ({ db, project, actor, params, body }) =>
  ok({ webhookEndpoint: webhookEndpointView(await updateWebhookEndpoint(db, project, params.endpointId, body, actor)) }),
);

export const DELETE = projectRoute(outgoingWebhooksApi.delete, async ({ db, project, actor, params }) =>
  ok(await deleteWebhookEndpoint(db, project, params.endpointId, actor)),
);
