import { teamsApi } from '@/lib/api/table/teams';
import { listAuditEvents } from '@/lib/audit/service';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

export const GET = teamRoute(teamsApi.auditLog, async ({ db, membership, query }) =>
  ok(await listAuditEvents(db, { teamId: membership.team.id, ...query })),
);
