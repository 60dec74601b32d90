import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { listWebhookDeliveries } from '@/lib/outgoing-webhooks/delivery';
import { listWebhookDeliveriesQuery } from '@/lib/outgoing-webhooks/schemas';

export const GET = projectRoute({ scope: 'webhooks:read', query: listWebhookDeliveriesQuery }, async ({ db, project, params, query }) =>
  ok(await listWebhookDeliveries(db, project, params.endpointId, query)),
);
