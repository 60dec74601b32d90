import { portalApi } from '@/lib/api/table/portal';
import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { portalView } from '@/lib/portal/service';

export const GET = portalRoute(portalApi.get, async (session) => ok(portalView(session)));
