import { portalApi } from '@/lib/api/table/portal';
import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { listPortalPlans } from '@/lib/portal/service';

export const GET = portalRoute(portalApi.plans, async ({ db, params, ...session }) =>
  ok({ plans: await listPortalPlans(db, session, params.subscriptionId) }),
);
