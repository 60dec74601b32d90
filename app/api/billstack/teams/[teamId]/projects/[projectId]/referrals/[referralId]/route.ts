import { referralsApi } from '@/lib/api/table/referrals';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { getReferral } from '@/lib/referrals/service';
import { referralView } from '@/lib/referrals/views';

export const GET = projectRoute(referralsApi.get, async ({ db, project, params }) =>
  ok({ referral: referralView(await getReferral(db, project, params.referralId)) }),
);
