import { teamAdminRoles } from '@/lib/auth/roles';
import { teamRoute } from '@/lib/auth/routes';
import { paginationQuery } from '@/lib/http/pagination';
import { ok } from '@/lib/http/respond';
import { listInvitations } from '@/lib/teams/invitations';

export const GET = teamRoute({ roles: teamAdminRoles, query: paginationQuery }, async ({ db, membership, query }) =>
  ok(await listInvitations(db, { teamId: membership.team.id, ...query })),
);
