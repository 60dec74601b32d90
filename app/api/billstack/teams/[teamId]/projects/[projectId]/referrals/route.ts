import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { listReferralsQuery } from '@/lib/referrals/schemas';
import { listReferrals } from '@/lib/referrals/service';

export const GET = projectRoute({ scope: 'referrals:read', query: listReferralsQuery }, async ({ db, project, query }) =>
  ok(await listReferrals(db, project, query)),
);
