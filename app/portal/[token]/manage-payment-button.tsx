'use client';

import { useState } from 'react';
import { sendJson } from '@/app/(dashboard)/send-json';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';

/** Payment methods are managed on Stripe's own billing portal: this opens a session there for the customer. */
export function ManagePaymentButton({ token }: { token: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function open() {
    setPending(true);
    setError(null);
    const result = await sendJson<{ url: string }>('POST', `/api/billstack/portal/${token}/stripe-portal`);
    if (!result.ok) {
      setPending(false);
      setError(result.error);
      return;
    }
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
