import { unlessMissing } from '@/lib/stripe/errors';
import { applied, idOf, ignored, type ApplyResult, type MirrorContext } from './object';
import { mirrorSubscription } from './subscriptions';

/**
 * `subscription_schedule.*` events: a schedule's next phase is its subscription's pending change, so the
 * subscription is mirrored again (it reads its schedule); a released schedule's subscription has none left.
 */
export async function applySubscriptionSchedule({ db, stripe, teamId }: MirrorContext, scheduleId: string): Promise<ApplyResult> {
  const schedule = await unlessMissing(() => stripe.subscriptionSchedules.retrieve(scheduleId));
  if (!schedule) return ignored('the subscription schedule no longer exists in Stripe');
  const subscriptionId = idOf(schedule.subscription) ?? idOf(schedule.released_subscription);
  if (!subscriptionId) return ignored('the schedule has not started a subscription');
  const row = await mirrorSubscription(db, stripe, teamId, subscriptionId);
  return row ? applied(row.projectId) : ignored("the subscription's customer cannot be adopted");
}
