import { paginationQuery } from '@/lib/http/pagination';
import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { listPortalSubscriptions } from '@/lib/portal/service';

export const GET = portalRoute({ query: paginationQuery }, async ({ db, query, ...session }) =>
  ok(await listPortalSubscriptions(db, session, query)),
);
