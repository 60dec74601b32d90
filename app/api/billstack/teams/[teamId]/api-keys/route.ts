import { createApiKeyBody } from '@/lib/api-keys/schemas';
import { createApiKey, listApiKeys } from '@/lib/api-keys/service';
import { teamAdminRoles } from '@/lib/auth/roles';
import { teamRoute } from '@/lib/auth/routes';
import { paginationQuery } from '@/lib/http/pagination';
import { created, ok } from '@/lib/http/respond';

export const POST = teamRoute({ roles: teamAdminRoles, body: createApiKeyBody }, async ({ db, actor, body }) =>
  created(await createApiKey(db, { actor, body })),
);

export const GET = teamRoute({ roles: teamAdminRoles, query: paginationQuery }, async ({ db, membership, query }) =>
  ok(await listApiKeys(db, { teamId: membership.team.id, ...query })),
);
