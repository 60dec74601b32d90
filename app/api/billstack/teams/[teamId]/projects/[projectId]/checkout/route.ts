import { checkoutApi } from '@/lib/api/table/portal';
import { projectRoute } from '@/lib/auth/routes';
import { createCheckoutSession } from '@/lib/checkout/service';
import { created } from '@/lib/http/respond';

export const POST = projectRoute(checkoutApi.create, async ({ db, project, actor, body, idempotencyKey }) =>
  created({ checkout: await createCheckoutSession(db, project, body, { idempotencyKey, actor }) }),
);
