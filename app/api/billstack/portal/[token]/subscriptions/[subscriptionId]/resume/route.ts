import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { resumePortalSubscription } from '@/lib/portal/service';

export const POST = portalRoute({}, async ({ db, params, ...session }) =>
  ok({ subscription: await resumePortalSubscription(db, session, params.subscriptionId) }),
);
