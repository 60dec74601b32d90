import { outgoingWebhooksApi } from '@/lib/api/table/outgoing-webhooks';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { sendTestWebhook } from '@/lib/outgoing-webhooks/delivery';

export const POST = projectRoute(outgoingWebhooksApi.test, async ({ db, project, params }) =>
  ok({ delivery: await sendTestWebhook(db, project, params.endpointId) }),
);
