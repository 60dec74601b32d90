import { referralsApi } from '@/lib/api/table/referrals';
import { projectRoute } from '@/lib/auth/routes';
import { created } from '@/lib/http/respond';
import { applyReferral } from '@/lib/referrals/service';
import { referralView } from '@/lib/referrals/views';

export const POST = projectRoute(referralsApi.apply, async ({ db, project, body }) =>
  created({ referral: referralView(await applyReferral(db, project, body)) }),
);
