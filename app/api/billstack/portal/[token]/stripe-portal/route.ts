import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { createStripePortalSession } from '@/lib/portal/service';
import { publicOrigin } from '@/lib/http/origin';

export const POST = portalRoute({}, async ({ db, req, ...session }) =>
  ok(await createStripePortalSession(db, session, { origin: publicOrigin(req) })),
);
