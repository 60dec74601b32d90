import { portalApi } from '@/lib/api/table/portal';
import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { listPortalInvoices } from '@/lib/portal/service';

export const GET = portalRoute(portalApi.listInvoices, async ({ db, query, ...session }) =>
  ok(await listPortalInvoices(db, session, query)),
);
