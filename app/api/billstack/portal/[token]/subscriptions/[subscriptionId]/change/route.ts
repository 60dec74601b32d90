import { portalApi } from '@/lib/api/table/portal';
import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { changePortalPlan } from '@/lib/portal/service';

export const POST = portalRoute(portalApi.change, async ({ db, params, body, ...session }) =>
  ok({ subscription: await changePortalPlan(db, session, params.subscriptionId, body.priceId) }),
);
