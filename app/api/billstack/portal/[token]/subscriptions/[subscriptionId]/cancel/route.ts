import { portalApi } from '@/lib/api/table/portal';
import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { cancelPortalSubscription } from '@/lib/portal/service';

export const POST = portalRoute(portalApi.cancel, async ({ db, params, ...session }) =>
  ok({ subscription: await cancelPortalSubscription(db, session, params.subscriptionId) }),
);
