import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { referralStats } from '@/lib/referrals/queries';
import { referralStatsQuery } from '@/lib/referrals/schemas';

export const GET = projectRoute({ scope: 'referrals:read', query: referralStatsQuery }, async ({ db, project, query }) =>
  ok({ referrals: await referralStats(db, project, query) }),
);
