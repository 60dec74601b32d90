import { projectRoute } from '@/lib/auth/routes';
import { archiveProduct, getProduct, productView, updateProduct } from '@/lib/catalog/products';
import { updateProductBody } from '@/lib/catalog/schemas';
import { ok } from '@/lib/http/respond';

export const GET = projectRoute({ scope: 'products:read' }, async ({ db, project, params }) =>
  ok({ product: productView(await getProduct(db, project, params.productId)) }),
);

export const PATCH = projectRoute({ scope: 'products:write', body: updateProductBody }, async ({ db, project, actor, params, body }) =>
  ok({ product: productView(await updateProduct(db, project, params.productId, body, actor)) }),
);

export const DELETE = projectRoute({ scope: 'products:write' }, async ({ db, project, actor, params }) =>
  ok({ product: productView(await archiveProduct(db, project, params.productId, actor)) }),
);
