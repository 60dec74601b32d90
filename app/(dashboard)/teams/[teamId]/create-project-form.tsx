'use client';

import type { FormEvent } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';
import { useJsonAction } from '../../use-json-action';

export function CreateProjectForm({ teamId }: { teamId: string }) {
  const { error, pending, run } = useJsonAction();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get('name')).trim();
    const result = await run('POST', `/api/billstack/teams/${teamId}/projects`, { name });
    if (result.ok) form.reset();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField label="Project name" name="name" required maxLength={100} placeholder="Storefront" className="flex-1" />
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create project'}
        </Button>
      </div>
      <FormError message={error} />
    </form>
  );
}
