import { projectRoute } from '@/lib/auth/routes';
import { syncFromStripe } from '@/lib/catalog/sync';
import { ok } from '@/lib/http/respond';

export const POST = projectRoute({ scope: '*' }, async ({ db, project }) => ok({ sync: await syncFromStripe(db, project) }));
