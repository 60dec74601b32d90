import { portalApi } from '@/lib/api/table/portal';
import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { resumePortalSubscription } from '@/lib/portal/service';

export const POST = portalRoute(portalApi.resume, async ({ db, params, ...session }) =>
  ok({ subscription: await resumePortalSubscription(db, session, params.subscriptionId) }),
);
