import { projectRoute } from '@/lib/auth/routes';
import { createPrice, listPrices, priceView } from '@/lib/catalog/prices';
import { getProduct } from '@/lib/catalog/products';
import { createPriceBody, listProductPricesQuery } from '@/lib/catalog/schemas';
import { created, ok } from '@/lib/http/respond';

export const GET = projectRoute({ scope: 'products:read', query: listProductPricesQuery }, async ({ db, project, params, query }) => {
  const product = await getProduct(db, project, params.productId);
  return ok(await listPrices(db, project, { ...query, productId: product.id }));
});

export const POST = projectRoute(
  { scope: 'products:write', body: createPriceBody },
  async ({ db, project, actor, params, body, idempotencyKey }) =>
    created({ price: priceView(await createPrice(db, project, params.productId, body, { idempotencyKey, actor })) }),
);
