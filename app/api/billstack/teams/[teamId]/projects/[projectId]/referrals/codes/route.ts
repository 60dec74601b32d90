import { referralsApi } from '@/lib/api/table/referrals';
import { projectRoute } from '@/lib/auth/routes';
import { created, ok } from '@/lib/http/respond';
import { createReferralCode, listReferralCodes, referralCodeView } from '@/lib/referrals/service';

export const GET = projectRoute(referralsApi.listCodes, async ({ db, project, query }) =>
  ok(await listReferralCodes(db, project, query)),
);

export const POST = projectRoute(referralsApi.createCode, async ({ db, project, actor, body }) =>
  created({ referralCode: referralCodeView(await createReferralCode(db, project, body, actor)) }),
);
