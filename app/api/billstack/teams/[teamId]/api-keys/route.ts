import { createApiKeyBody } from '@/lib/api-keys/schemas';
import { createApiKey, listApiKeys } from '@/lib/api-keys/service';
import { teamRoute } from '@/lib/auth/routes';
import { paginationQuery } from '@/lib/http/pagination';
import { created, ok } from '@/lib/http/respond';

const keyAdmins = ['owner', 'admin'] as const;

export const POST = teamRoute({ roles: keyAdmins, body: createApiKeyBody }, async ({ db, membership, user, body }) =>
  created(await createApiKey(db, { teamId: membership.team.id, userId: user.id, body })),
);

export const GET = teamRoute({ roles: keyAdmins, query: paginationQuery }, async ({ db, membership, query }) =>
  ok(await listApiKeys(db, { teamId: membership.team.id, ...query })),
);
