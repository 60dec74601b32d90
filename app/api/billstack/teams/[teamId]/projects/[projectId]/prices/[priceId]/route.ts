import { catalogApi } from '@/lib/api/table/catalog';
import { projectRoute } from '@/lib/auth/routes';
import { getPrice, priceView, updatePrice } from '@/lib/catalog/prices';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute(catalogApi.getPrice, async ({ db, project, params }) =>
  ok({ price: priceView(await getPrice(db, project, params.priceId)) }),
);

export const PATCH = projectRoute(catalogApi.updatePrice, async ({ db, project, actor, params, body }) =>
  ok({ price: priceView(await updatePrice(db, project, params.priceId, body, actor)) }),
);
