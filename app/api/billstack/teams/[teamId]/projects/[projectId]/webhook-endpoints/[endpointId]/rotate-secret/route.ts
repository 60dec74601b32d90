import { outgoingWebhooksApi } from '@/lib/api/table/outgoing-webhooks';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { rotateWebhookEndpointSecret } from '@/lib/outgoing-webhooks/endpoints';

export const POST = projectRoute(outgoingWebhooksApi.rotateSecret, async ({ db, project, actor, params }) =>
  ok(await rotateWebhookEndpointSecret(db, project, params.endpointId, actor)),
);
