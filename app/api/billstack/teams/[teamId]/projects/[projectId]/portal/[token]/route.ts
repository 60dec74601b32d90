import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { revokePortalToken } from '@/lib/portal/service';

export const DELETE = projectRoute({ scope: 'portal:write' }, async ({ db, project, actor, params }) =>
  ok(await revokePortalToken(db, project, params.token, actor)),
);
