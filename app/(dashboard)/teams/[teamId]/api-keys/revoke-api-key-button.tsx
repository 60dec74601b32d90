'use client';

import { useState } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { useJsonAction } from '../../../use-json-action';

/** Revoking asks for a second click: any service still using the key fails on its next request. */
export function RevokeApiKeyButton({ teamId, apiKey }: { teamId: string; apiKey: { id: string; name: string } }) {
  const [confirming, setConfirming] = useState(false);
  const { error, pending, run } = useJsonAction();

  async function revoke() {
    const result = await run('DELETE', `/api/billstack/teams/${teamId}/api-keys/${apiKey.id}`);
    if (result.ok) setConfirming(false);
  }

  return (
    <div className="flex flex-col items-end gap-2">
      {confirming ? (
        <div className="flex items-center gap-2">
          <span className="text-xs whitespace-nowrap text-slate-600">Revoke “{apiKey.name}”?</span>
          <Button variant="danger" onClick={() => void revoke()} disabled={pending}>
            Confirm revoke
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="ghost-danger" aria-label={`Revoke ${apiKey.name}`} onClick={() => setConfirming(true)}>
          Revoke
        </Button>
      )}
      <FormError message={error} />
    </div>
  );
}
