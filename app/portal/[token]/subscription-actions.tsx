'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useJsonAction } from '@/app/(dashboard)/use-json-action';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';

/**
 * Cancel (at the period end, after a second click) or resume one subscription through the token's JSON API,
 * then re-render the page from the server's new state. `describedBy` names the subscription for screen readers.
 */
export function SubscriptionActions({
  token,
  subscriptionId,
  cancelAtPeriodEnd,
  periodEnd,
  describedBy,
}: {
  token: string;
  subscriptionId: string;
  cancelAtPeriodEnd: boolean;
  periodEnd: string | null;
  describedBy: string;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  // The refresh is started here, inside a transition, rather than by the hook.
  const { error, pending: sending, run: send } = useJsonAction({ refresh: false });
  const [refreshing, startRefresh] = useTransition();
  const pending = sending || refreshing;

  async function run(action: 'cancel' | 'resume') {
    const result = await send('POST', `/api/billstack/portal/${token}/subscriptions/${subscriptionId}/${action}`);
    if (!result.ok) return;
    // One transition, so the buttons change only when the page shows the new state (no flash of the old one).
    startRefresh(() => {
      setConfirming(false);
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      {cancelAtPeriodEnd ? (
        <Button key="resume" variant="secondary" aria-describedby={describedBy} onClick={() => void run('resume')} disabled={pending}>
          Resume subscription
        </Button>
      ) : confirming ? (
        <div role="group" aria-label="Confirm cancellation" className="flex flex-col items-start gap-2 sm:items-end">
          <p className="text-sm text-slate-600">
            {periodEnd ? `Your subscription stays active until ${periodEnd}, then ends.` : 'Your subscription ends at the end of this period.'}
          </p>
          <div className="flex gap-2">
            <Button variant="danger" aria-describedby={describedBy} onClick={() => void run('cancel')} disabled={pending}>
              Confirm cancellation
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
              Keep subscription
            </Button>
          </div>
        </div>
      ) : (
        <Button key="cancel" variant="ghost-danger" aria-describedby={describedBy} onClick={() => setConfirming(true)}>
          Cancel subscription
        </Button>
      )}
      <FormError message={error} />
    </div>
  );
}
