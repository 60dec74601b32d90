import { stripeApi } from '@/lib/api/table/teams';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { retryWebhookEvent, webhookEventView } from '@/lib/webhooks/log';

// 202: the event is queued again; the answer is its state once this request's apply is done.
export const POST = teamRoute(stripeApi.retryEvent, async ({ db, actor, params }) =>
  ok({ event: webhookEventView(await retryWebhookEvent(db, { actor, eventId: params.eventId })) }, { status: 202 }),
);
