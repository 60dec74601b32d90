import { projectRoute } from '@/lib/auth/routes';
import { created } from '@/lib/http/respond';
import { createPortalBody } from '@/lib/portal/schemas';
import { createPortalToken } from '@/lib/portal/service';
import { publicOrigin } from '@/lib/http/origin';

export const POST = projectRoute({ scope: 'portal:write', body: createPortalBody }, async ({ db, project, actor, body, req }) =>
  created({ portal: await createPortalToken(db, project, body, { origin: publicOrigin(req), actor }) }),
);
