import { projectRoute } from '@/lib/auth/routes';
import { created, ok } from '@/lib/http/respond';
import { createReferralCodeBody, listReferralCodesQuery } from '@/lib/referrals/schemas';
import { createReferralCode, listReferralCodes, referralCodeView } from '@/lib/referrals/service';

export const GET = projectRoute({ scope: 'referrals:read', query: listReferralCodesQuery }, async ({ db, project, query }) =>
  ok(await listReferralCodes(db, project, query)),
);

export const POST = projectRoute({ scope: 'referrals:write', body: createReferralCodeBody }, async ({ db, project, actor, body }) =>
  created({ referralCode: referralCodeView(await createReferralCode(db, project, body, actor)) }),
);
