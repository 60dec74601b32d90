import { referralsApi } from '@/lib/api/table/referrals';
import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { listReferrals } from '@/lib/referrals/service';

export const GET = projectRoute(referralsApi.list, async ({ db, project, query }) =>
  ok(await listReferrals(db, project, query)),
);
