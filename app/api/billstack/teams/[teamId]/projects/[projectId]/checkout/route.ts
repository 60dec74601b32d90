import { projectRoute } from '@/lib/auth/routes';
import { createCheckoutBody } from '@/lib/checkout/schemas';
import { createCheckoutSession } from '@/lib/checkout/service';
import { created } from '@/lib/http/respond';

export const POST = projectRoute(
  { scope: 'checkout:write', body: createCheckoutBody },
  async ({ db, project, actor, body, idempotencyKey }) =>
    created({ checkout: await createCheckoutSession(db, project, body, { idempotencyKey, actor }) }),
);
