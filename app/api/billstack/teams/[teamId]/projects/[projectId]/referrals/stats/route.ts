import { referralsApi } from '@/lib/api/table/referrals';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { referralStats } from '@/lib/referrals/queries';

export const GET = projectRoute(referralsApi.stats, async ({ db, project, query }) =>
  ok({ referrals: await referralStats(db, project, query) }),
);
