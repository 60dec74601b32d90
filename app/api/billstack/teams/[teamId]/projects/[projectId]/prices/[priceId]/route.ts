import { projectRoute } from '@/lib/auth/routes';
import { getPrice, priceView, updatePrice } from '@/lib/catalog/prices';
import { updatePriceBody } from '@/lib/catalog/schemas';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute({ scope: 'products:read' }, async ({ db, project, params }) =>
  ok({ price: priceView(await getPrice(db, project, params.priceId)) }),
);

export const PATCH = projectRoute({ scope: 'products:write', body: updatePriceBody }, async ({ db, project, actor, params, body }) =>
  ok({ price: priceView(await updatePrice(db, project, params.priceId, body, actor)) }),
);
