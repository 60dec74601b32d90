'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';
import { useJsonAction } from '../../../use-json-action';

export function ConnectStripeForm({ teamId, connected }: { teamId: string; connected: boolean }) {
  const { error, pending, run } = useJsonAction();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const secretKey = String(new FormData(form).get('secretKey')).trim();
    const result = await run('POST', `/api/billstack/teams/${teamId}/stripe`, { secretKey });
    if (result.ok) form.reset();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField
          label="Stripe secret key"
          name="secretKey"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={255}
          placeholder="sk_test_…"
          className="flex-1"
        />
        <Button type="submit" disabled={pending}>
          {pending ? 'Connecting…' : connected ? 'Reconnect' : 'Connect'}
        </Button>
      </div>
      <FormError message={error} />
    </form>
  );
}

/** Disconnecting removes the webhook endpoint in Stripe too, so it asks for a second click. */
export function DisconnectStripeButton({ teamId }: { teamId: string }) {
  const [confirming, setConfirming] = useState(false);
  const { error, pending, run } = useJsonAction();

  async function disconnect() {
    const result = await run('DELETE', `/api/billstack/teams/${teamId}/stripe`);
    if (result.ok) setConfirming(false);
  }

  return (
    <div className="flex flex-col gap-2">
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-slate-600">Disconnect Stripe? Billing calls will fail until you connect again.</span>
          <Button variant="danger" onClick={() => void disconnect()} disabled={pending}>
            Confirm disconnect
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <div>
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Disconnect
          </Button>
        </div>
      )}
      <FormError message={error} />
    </div>
  );
}
