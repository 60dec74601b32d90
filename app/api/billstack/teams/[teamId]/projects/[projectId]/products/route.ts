import { catalogApi } from '@/lib/api/table/catalog';
import { projectRoute } from '@/lib/auth/routes';
import { createProduct, listProducts, productView } from '@/lib/catalog/products';
import { created, ok } from '@/lib/http/respond';

export const GET = projectRoute(catalogApi.listProducts, async ({ db, project, query }) =>
  ok(await listProducts(db, project, query)),
);

export const POST = projectRoute(catalogApi.createProduct, async ({ db, project, actor, body, idempotencyKey }) =>
  created({ product: productView(await createProduct(db, project, body, { idempotencyKey, actor })) }),
);
