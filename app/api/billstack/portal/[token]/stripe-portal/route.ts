import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { createStripePortalSession } from '@/lib/portal/service';

export const POST = portalRoute({}, async ({ db, req, ...session }) =>
  ok(await createStripePortalSession(db, session, { origin: req.nextUrl.origin })),
);
