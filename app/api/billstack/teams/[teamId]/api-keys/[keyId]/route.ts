import { apiKeyView, getApiKey, revokeApiKey } from '@/lib/api-keys/service';
import { teamAdminRoles } from '@/lib/auth/roles';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

export const GET = teamRoute({ roles: teamAdminRoles }, async ({ db, membership, params }) =>
  ok({ apiKey: apiKeyView(await getApiKey(db, { teamId: membership.team.id, keyId: params.keyId })) }),
);

export const DELETE = teamRoute({ roles: teamAdminRoles }, async ({ db, actor, params }) =>
  ok(await revokeApiKey(db, { actor, keyId: params.keyId })),
);
