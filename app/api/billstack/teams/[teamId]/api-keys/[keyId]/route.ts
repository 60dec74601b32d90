import { apiKeyView, getApiKey, revokeApiKey } from '@/lib/api-keys/service';
import { apiKeysApi } from '@/lib/api/table/teams';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

export const GET = teamRoute(apiKeysApi.get, async ({ db, membership, params }) =>
  ok({ apiKey: apiKeyView(await getApiKey(db, { teamId: membership.team.id, keyId: params.keyId })) }),
);

export const DELETE = teamRoute(apiKeysApi.revoke, async ({ db, actor, params }) =>
  ok(await revokeApiKey(db, { actor, keyId: params.keyId })),
);
