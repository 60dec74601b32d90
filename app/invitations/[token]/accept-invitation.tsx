'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { sendJson } from '@/app/(dashboard)/send-json';

export function AcceptInvitation({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function accept() {
    setPending(true);
    setError(null);
    const result = await sendJson<{ team: { id: string } }>('POST', `/api/billstack/invitations/${encodeURIComponent(token)}/accept`);
    if (!result.ok) {
      setError(result.error);
      setPending(false);
      return;
    }
    router.replace(`/teams/${result.data.team.id}`);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-3">
      <FormError message={error} />
      <Button onClick={accept} disabled={pending}>
        {pending ? 'Joining…' : 'Accept invitation'}
      </Button>
    </div>
  );
}
