import { outgoingWebhooksApi } from '@/lib/api/table/outgoing-webhooks';
import { projectRoute } from '@/lib/auth/routes';
import { created, ok } from '@/lib/http/respond';
import { createWebhookEndpoint, listWebhookEndpoints } from '@/lib/outgoing-webhooks/endpoints';

export const GET = projectRoute(outgoingWebhooksApi.list, async ({ db, project, query }) =>
  ok(await listWebhookEndpoints(db, project, query)),
);

export const POST = projectRoute(outgoingWebhooksApi.create, async ({ db, project, actor, body }) =>
  created(await createWebhookEndpoint(db, project, body, actor)),
);
