import Link from 'next/link';
import { formatDate } from './format';

export interface WebhookHealth {
  /** Events received in the last 24 hours whose last apply failed; 0 below the warning threshold. */
  failing: number;
  /** When Stripe was last heard from, if that is over a day ago while the team has live subscriptions. */
  silentSince: Date | null;
}

/**
 * Warns that BillStack's rows may lag behind Stripe: events keep failing, or none has arrived for a day although
 * renewals should have sent some. Owners and admins get a link to the webhook log.
 */
export function WebhookHealthBanner({ teamId, health, canOpenLog }: { teamId: string; health: WebhookHealth; canOpenLog: boolean }) {
  if (health.failing === 0 && !health.silentSince) return null;
  return (
    <div role="region" aria-label="Webhook health" className="mb-6 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p>
        {health.failing > 0
          ? `${health.failing} Stripe events received in the last 24 hours failed to apply: customers, subscriptions or invoices here may be out of date.`
          : `No Stripe event has arrived since ${formatDate(health.silentSince!)}, although this team has live subscriptions: check the webhook endpoint in Stripe.`}{' '}
        {canOpenLog ? (
          <Link href={`/teams/${teamId}/webhooks${health.failing > 0 ? '?status=failed' : ''}`} className="font-medium underline">
            Open the webhook log
          </Link>
        ) : (
          'An owner or admin can look at the webhook log.'
        )}
      </p>
    </div>
  );
}
