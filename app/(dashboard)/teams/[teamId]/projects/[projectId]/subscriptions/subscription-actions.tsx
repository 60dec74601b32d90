import { formatDate } from '@/components/format';
import type { subscriptionView } from '@/lib/subscriptions/views';
import { ConfirmAction } from '../../../../../confirm-action';

type SubscriptionView = ReturnType<typeof subscriptionView>;

const ended = new Set(['canceled', 'incomplete_expired']);

/**
 * Cancel at the period end, cancel now, or resume, each asking first and saying what it means for the customer;
 * nothing for an ended subscription, which Stripe never brings back.
 */
export function SubscriptionActions({ apiPath, subscription, inList = false }: { apiPath: string; subscription: SubscriptionView; inList?: boolean }) {
  if (ended.has(subscription.status)) return null;
  // In a list, each button also names its subscription (after the visible words, which must lead the name).
  const named = (label: string) => (inList ? `${label} (${subscription.id})` : undefined);
  const url = `${apiPath}/subscriptions/${subscription.id}`;
  const periodEnd = subscription.currentPeriodEnd ? formatDate(subscription.currentPeriodEnd) : null;
  return (
    <div className="flex flex-col gap-2">
      {subscription.cancelAtPeriodEnd ? (
        <ConfirmAction
          label="Resume"
          accessibleLabel={named('Resume')}
          consequence={`The subscription will renew${periodEnd ? ` on ${periodEnd}` : ''} and keep billing as before.`}
          confirmLabel="Resume subscription"
          done="Subscription resumed: it renews as before."
          method="POST"
          url={`${url}/resume`}
          danger={false}
        />
      ) : (
        <ConfirmAction
          label="Cancel at period end"
          accessibleLabel={named('Cancel at period end')}
          consequence={`The customer keeps access${periodEnd ? ` until ${periodEnd}` : ' until the period ends'}, then the subscription ends and is not billed again. You can resume it before then.`}
          confirmLabel="Cancel at period end"
          done="The subscription will end at the period end."
          method="POST"
          url={`${url}/cancel`}
          body={{ atPeriodEnd: true }}
        />
      )}
      <ConfirmAction
        label="Cancel now"
        accessibleLabel={named('Cancel now')}
        consequence="The subscription ends immediately: the customer loses access now, is not billed again, and it cannot be resumed. No refund is made for the rest of the period."
        confirmLabel="Cancel immediately"
        done="Subscription canceled."
        method="POST"
        url={`${url}/cancel`}
        body={{ atPeriodEnd: false }}
      />
    </div>
  );
}
