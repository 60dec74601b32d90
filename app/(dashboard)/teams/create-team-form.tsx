'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';
import { sendJson } from '../send-json';

export function CreateTeamForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name')).trim();
    setPending(true);
    setError(null);
    const result = await sendJson<{ team: { id: string } }>('POST', '/api/billstack/teams', { name });
    if (!result.ok) {
      setError(result.error);
      setPending(false);
      return;
    }
    router.push(`/teams/${result.data.team.id}`);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField label="Team name" name="name" required maxLength={100} placeholder="Acme Inc." className="flex-1" />
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create team'}
        </Button>
      </div>
      <FormError message={error} />
    </form>
  );
}
