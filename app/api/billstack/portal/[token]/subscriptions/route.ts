import { portalApi } from '@/lib/api/table/portal';
import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { listPortalSubscriptions } from '@/lib/portal/service';

export const GET = portalRoute(portalApi.listSubscriptions, async ({ db, query, ...session }) =>
  ok(await listPortalSubscriptions(db, session, query)),
);
