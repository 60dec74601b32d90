import { catalogApi } from '@/lib/api/table/catalog';
import { projectRoute } from '@/lib/auth/routes';
import { archiveProduct, getProduct, productView, updateProduct } from '@/lib/catalog/products';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute(catalogApi.getProduct, async ({ db, project, params }) =>
  ok({ product: productView(await getProduct(db, project, params.productId)) }),
);

export const PATCH = projectRoute(catalogApi.updateProduct, async ({ db, project, actor, params, body }) =>
  ok({ product: productView(await updateProduct(db, project, params.productId, body, actor)) }),
);

export const DELETE = projectRoute(catalogApi.archiveProduct, async ({ db, project, actor, params }) =>
  ok({ product: productView(await archiveProduct(db, project, params.productId, actor)) }),
);
