import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { deactivateReferralCode, getReferralCode, referralCodeView } from '@/lib/referrals/service';

export const GET = projectRoute({ scope: 'referrals:read' }, async ({ db, project, params }) =>
  ok({ referralCode: referralCodeView(await getReferralCode(db, project, params.code)) }),
);

export const DELETE = projectRoute({ scope: 'referrals:write' }, async ({ db, project, actor, params }) =>
  ok({ referralCode: referralCodeView(await deactivateReferralCode(db, project, params.code, actor)) }),
);
