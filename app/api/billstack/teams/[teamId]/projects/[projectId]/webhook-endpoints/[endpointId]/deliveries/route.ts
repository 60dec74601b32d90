import { outgoingWebhooksApi } from '@/lib/api/table/outgoing-webhooks';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { listWebhookDeliveries } from '@/lib/outgoing-webhooks/delivery';

export const GET = projectRoute(outgoingWebhooksApi.listDeliveries, async ({ db, project, params, query }) =>
  ok(await listWebhookDeliveries(db, project, params.endpointId, query)),
);
