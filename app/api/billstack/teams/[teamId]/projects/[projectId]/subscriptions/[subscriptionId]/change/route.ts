import { projectRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { changePlan } from '@/lib/subscriptions/plan-changes';
import { changePlanBody } from '@/lib/subscriptions/schemas';
import { subscriptionView } from '@/lib/subscriptions/service';

export const POST = projectRoute(
  { scope: 'subscriptions:write', body: changePlanBody },
  async ({ db, project, actor, params, body }) =>
    ok({ subscription: subscriptionView(await changePlan(db, project, params.subscriptionId, body, actor)) }),
);
