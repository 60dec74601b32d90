import { portalApi } from '@/lib/api/table/portal';
import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { customerReferralProgram } from '@/lib/referrals/service';

export const GET = portalRoute(portalApi.referrals, async ({ db, project, customer, portal }) =>
  ok({ referralProgram: await customerReferralProgram(db, project, customer, { returnUrl: portal.returnUrl }) }),
);
