import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { findReferralConfig } from '@/lib/referrals/queries';
import { putReferralConfigBody } from '@/lib/referrals/schemas';
import { putReferralConfig, referralConfigView } from '@/lib/referrals/service';

export const GET = projectRoute({ scope: 'referrals:read' }, async ({ db, project }) =>
  ok({ referralConfig: referralConfigView(await findReferralConfig(db, project)) }),
);

export const PUT = projectRoute({ scope: 'referrals:write', body: putReferralConfigBody }, async ({ db, project, actor, body }) =>
  ok({ referralConfig: referralConfigView(await putReferralConfig(db, project, body, actor)) }),
);
