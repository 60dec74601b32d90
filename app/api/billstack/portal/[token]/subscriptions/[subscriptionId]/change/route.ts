import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { portalPlanChangeBody } from '@/lib/portal/schemas';
import { changePortalPlan } from '@/lib/portal/service';

export const POST = portalRoute({ body: portalPlanChangeBody }, async ({ db, params, body, ...session }) =>
  ok({ subscription: await changePortalPlan(db, session, params.subscriptionId, body.priceId) }),
);
