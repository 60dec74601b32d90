import { portalTokensApi } from '@/lib/api/table/portal';
import { projectRoute } from '@/lib/auth/routes';
import { publicOrigin } from '@/lib/http/origin';
import { created } from '@/lib/http/respond';
import { createPortalToken } from '@/lib/portal/service';

export const POST = projectRoute(portalTokensApi.create, async ({ db, project, actor, body, req }) =>
  created({ portal: await createPortalToken(db, project, body, { origin: publicOrigin(req), actor }) }),
);
