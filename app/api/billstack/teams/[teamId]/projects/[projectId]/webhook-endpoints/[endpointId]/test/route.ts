import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { sendTestWebhook } from '@/lib/outgoing-webhooks/delivery';

export const POST = projectRoute({ scope: 'webhooks:write' }, async ({ db, project, params }) =>
  ok({ delivery: await sendTestWebhook(db, project, params.endpointId) }),
);
