import { ok } from '@/lib/http/respond';
import { portalRoute } from '@/lib/portal/route';
import { portalView } from '@/lib/portal/service';

export const GET = portalRoute({}, async (session) => ok(portalView(session)));
