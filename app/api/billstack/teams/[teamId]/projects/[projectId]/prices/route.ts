import { catalogApi } from '@/lib/api/table/catalog';
import { projectRoute } from '@/lib/auth/routes';
import { listPrices } from '@/lib/catalog/prices';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute(catalogApi.listPrices, async ({ db, project, query }) =>
  ok(await listPrices(db, project, query)),
);
