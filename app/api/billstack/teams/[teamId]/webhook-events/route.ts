import { stripeApi } from '@/lib/api/table/teams';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { listWebhookEvents } from '@/lib/webhooks/log';

export const GET = teamRoute(stripeApi.listEvents, async ({ db, membership, query }) =>
  ok(await listWebhookEvents(db, { teamId: membership.team.id, ...query })),
);
