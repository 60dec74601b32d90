import { listAuditEventsQuery } from '@/lib/audit/schemas';
import { listAuditEvents } from '@/lib/audit/service';
import { teamAdminRoles } from '@/lib/auth/roles';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

export const GET = teamRoute({ roles: teamAdminRoles, query: listAuditEventsQuery }, async ({ db, membership, query }) =>
  ok(await listAuditEvents(db, { teamId: membership.team.id, ...query })),
);
