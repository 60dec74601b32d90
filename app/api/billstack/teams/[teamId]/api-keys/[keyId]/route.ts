import { apiKeyView, getApiKey, revokeApiKey } from '@/lib/api-keys/service';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';

const keyAdmins = ['owner', 'admin'] as const;

export const GET = teamRoute({ roles: keyAdmins }, async ({ db, membership, params }) =>
  ok({ apiKey: apiKeyView(await getApiKey(db, { teamId: membership.team.id, keyId: params.keyId })) }),
);

export const DELETE = teamRoute({ roles: keyAdmins }, async ({ db, membership, params }) =>
  ok(await revokeApiKey(db, { teamId: membership.team.id, keyId: params.keyId })),
);
