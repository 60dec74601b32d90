import { outgoingWebhooksApi } from '@/lib/api/table/outgoing-webhooks';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { redeliverWebhook } from '@/lib/outgoing-webhooks/delivery';

export const POST = projectRoute(outgoingWebhooksApi.redeliver, async ({ db, project, params }) =>
  ok({ delivery: await redeliverWebhook(db, project, params.endpointId, params.deliveryId) }, { status: 202 }),
);
