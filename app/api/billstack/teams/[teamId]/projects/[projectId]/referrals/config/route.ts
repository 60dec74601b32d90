import { referralsApi } from '@/lib/api/table/referrals';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { findReferralConfig } from '@/lib/referrals/queries';
import { putReferralConfig, referralConfigView } from '@/lib/referrals/service';

export const GET = projectRoute(referralsApi.getConfig, async ({ db, project }) =>
  ok({ referralConfig: referralConfigView(await findReferralConfig(db, project)) }),
);

export const PUT = projectRoute(referralsApi.putConfig, async ({ db, project, actor, body }) =>
  ok({ referralConfig: referralConfigView(await putReferralConfig(db, project, body, actor)) }),
);
