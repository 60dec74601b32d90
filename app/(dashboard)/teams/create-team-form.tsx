'use client';

import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';
import { useJsonAction } from '../use-json-action';

export function CreateTeamForm() {
  const router = useRouter();
  // The page is left on success, so the button stays busy until the team page replaces it.
  const { error, pending, run } = useJsonAction({ refresh: false, holdPendingOnSuccess: true });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name')).trim();
    const result = await run<{ team: { id: string } }>('POST', '/api/billstack/teams', { name });
    if (!result.ok) return;
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
