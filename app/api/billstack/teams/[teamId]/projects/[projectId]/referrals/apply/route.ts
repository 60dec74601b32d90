import { projectRoute } from '@/lib/auth/routes';
import { created } from '@/lib/http/respond';
import { applyReferralBody } from '@/lib/referrals/schemas';
import { applyReferral, referralView } from '@/lib/referrals/service';

export const POST = projectRoute({ scope: 'referrals:write', body: applyReferralBody }, async ({ db, project, body }) =>
  created({ referral: referralView(await applyReferral(db, project, body)) }),
);
