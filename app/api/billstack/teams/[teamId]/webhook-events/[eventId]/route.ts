import { stripeApi } from '@/lib/api/table/teams';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { getWebhookEvent, webhookEventDetail } from '@/lib/webhooks/log';

export const GET = teamRoute(stripeApi.getEvent, async ({ db, membership, params }) =>
  ok({ event: webhookEventDetail(await getWebhookEvent(db, { teamId: membership.team.id, eventId: params.eventId })) }),
);
