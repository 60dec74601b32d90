import { referralsApi } from '@/lib/api/table/referrals';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { deactivateReferralCode, getReferralCode, referralCodeView } from '@/lib/referrals/service';

export const GET = projectRoute(referralsApi.getCode, async ({ db, project, params }) =>
  ok({ referralCode: referralCodeView(await getReferralCode(db, project, params.code)) }),
);

export const DELETE = projectRoute(referralsApi.deactivateCode, async ({ db, project, actor, params }) =>
  ok({ referralCode: referralCodeView(await deactivateReferralCode(db, project, params.code, actor)) }),
);
