import { teamAdminRoles } from '@/lib/auth/roles';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { listWebhookEvents } from '@/lib/webhooks/log';
import { listWebhookEventsQuery } from '@/lib/webhooks/log-schemas';

export const GET = teamRoute({ roles: teamAdminRoles, query: listWebhookEventsQuery }, async ({ db, membership, query }) =>
  ok(await listWebhookEvents(db, { teamId: membership.team.id, ...query })),
);
