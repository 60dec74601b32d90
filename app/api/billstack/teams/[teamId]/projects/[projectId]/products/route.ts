import { projectRoute } from '@/lib/auth/routes';
import { createProduct, listProducts, productView } from '@/lib/catalog/products';
import { createProductBody, listProductsQuery } from '@/lib/catalog/schemas';
import { created, ok } from '@/lib/http/respond';

export const GET = projectRoute({ scope: 'products:read', query: listProductsQuery }, async ({ db, project, query }) =>
  ok(await listProducts(db, project, query)),
);

export const POST = projectRoute(
  { scope: 'products:write', body: createProductBody },
  async ({ db, project, actor, body, idempotencyKey }) =>
    created({ product: productView(await createProduct(db, project, body, { idempotencyKey, actor })) }),
);
