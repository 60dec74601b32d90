import { catalogApi } from '@/lib/api/table/catalog';
import { projectRoute } from '@/lib/auth/routes';
import { createPrice, listPrices, priceView } from '@/lib/catalog/prices';
import { getProduct } from '@/lib/catalog/products';
import { created, ok } from '@/lib/http/respond';

export const GET = projectRoute(catalogApi.listProductPrices, async ({ db, project, params, query }) => {
  const product = await getProduct(db, project, params.productId);
  return ok(await listPrices(db, project, { ...query, productId: product.id }));
});

export const POST = projectRoute(catalogApi.createPrice, async ({ db, project, actor, params, body, idempotencyKey }) =>
  created({ price: priceView(await createPrice(db, project, params.productId, body, { idempotencyKey, actor })) }),
);
