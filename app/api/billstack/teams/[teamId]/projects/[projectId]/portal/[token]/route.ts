import { portalTokensApi } from '@/lib/api/table/portal';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { revokePortalToken } from '@/lib/portal/service';

export const DELETE = projectRoute(portalTokensApi.revoke, async ({ db, project, actor, params }) =>
  ok(await revokePortalToken(db, project, params.token, actor)),
);
