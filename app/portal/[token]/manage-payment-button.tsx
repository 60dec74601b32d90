'use client';

import { useJsonAction } from '@/app/(dashboard)/use-json-action';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';

/** Payment methods are managed on Stripe's own billing portal: this opens a session there for the customer. */
export function ManagePaymentButton({ token }: { token: string }) {
  // Success leaves for Stripe, so the button stays busy and the page is not refreshed.
  const { error, pending, run } = useJsonAction({ refresh: false, holdPendingOnSuccess: true });

  async function open() {
    const result = await run<{ url: string }>('POST', `/api/billstack/portal/${token}/stripe-portal`);
    if (!result.ok) return;
    window.location.assign(result.data.url);
  }

  return (
    <div className="flex flex-col items-start gap-2">
      <Button variant="secondary" onClick={() => void open()} disabled={pending} aria-busy={pending}>
        Manage payment methods
      </Button>
      <FormError message={error} />
    </div>
  );
}
