import { portalApi } from '@/lib/api/table/portal';
import { publicOrigin } from '@/lib/http/origin';
import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { createStripePortalSession } from '@/lib/portal/service';

export const POST = portalRoute(portalApi.stripePortal, async ({ db, req, ...session }) =>
  ok(await createStripePortalSession(db, session, { origin: publicOrigin(req) })),
);
