'use client';

import { useState } from 'react';
import { authClient } from '@/lib/auth/client';
import { Button } from './button';
import { FormError } from './form-error';

/** Mails the verification link again; it brings the user back to `callbackURL` once opened. */
export function ResendVerification({ email, callbackURL }: { email: string; callbackURL: string }) {
  const [state, setState] = useState<'idle' | 'pending' | 'sent'>('idle');
  const [error, setError] = useState<string | null>(null);

  async function resend() {
    setState('pending');
    setError(null);
    const { error: failure } = await authClient.sendVerificationEmail({ email, callbackURL });
    if (failure) {
      setError(failure.message ?? 'Could not send the mail');
      setState('idle');
      return;
    }
    setState('sent');
  }

  return (
    <div className="flex flex-col gap-2">
      <FormError message={error} />
      {state === 'sent' ? (
        <p role="status" className="text-sm text-slate-600">
          Sent. Check your inbox.
        </p>
      ) : (
        <Button variant="secondary" onClick={resend} disabled={state === 'pending'}>
          {state === 'pending' ? 'Sending…' : 'Send the verification link again'}
        </Button>
      )}
    </div>
  );
}
