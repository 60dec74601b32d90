import { createApiKey, listApiKeys } from '@/lib/api-keys/service';
import { apiKeysApi } from '@/lib/api/table/teams';
import { teamRoute } from '@/lib/auth/routes';
import { created, ok } from '@/lib/http/respond';

export const POST = teamRoute(apiKeysApi.create, async ({ db, actor, body }) =>
  created(await createApiKey(db, { actor, body })),
);

export const GET = teamRoute(apiKeysApi.list, async ({ db, membership, query }) =>
  ok(await listApiKeys(db, { teamId: membership.team.id, ...query })),
);
