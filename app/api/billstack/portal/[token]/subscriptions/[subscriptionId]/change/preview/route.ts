import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { portalPlanChangeQuery } from '@/lib/portal/schemas';
import { previewPortalPlanChange } from '@/lib/portal/service';

export const GET = portalRoute({ query: portalPlanChangeQuery }, async ({ db, params, query, ...session }) =>
  ok({ preview: await previewPortalPlanChange(db, session, params.subscriptionId, query.priceId) }),
);
