import { paginationQuery } from '@/lib/http/pagination';
import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { listPortalInvoices } from '@/lib/portal/service';

export const GET = portalRoute({ query: paginationQuery }, async ({ db, query, ...session }) =>
  ok(await listPortalInvoices(db, session, query)),
);
