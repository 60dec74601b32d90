import { projectRoute } from '@/lib/auth/routes';
import { listPrices } from '@/lib/catalog/prices';
import { listPricesQuery } from '@/lib/catalog/schemas';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute({ scope: 'products:read', query: listPricesQuery }, async ({ db, project, query }) =>
  ok(await listPrices(db, project, query)),
);
