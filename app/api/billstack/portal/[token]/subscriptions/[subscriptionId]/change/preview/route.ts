import { portalApi } from '@/lib/api/table/portal';
import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { previewPortalPlanChange } from '@/lib/portal/service';

export const GET = portalRoute(portalApi.previewChange, async ({ db, params, query, ...session }) =>
  ok({ preview: await previewPortalPlanChange(db, session, params.subscriptionId, query.priceId) }),
);
