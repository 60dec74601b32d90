'use client';

import { useId, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';
import { useJsonAction } from '../../../use-json-action';

export function AddMemberForm({ teamId, canAddOwner }: { teamId: string; canAddOwner: boolean }) {
  const roleId = useId();
  const { error, pending, run } = useJsonAction();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const result = await run('POST', `/api/billstack/teams/${teamId}/members`, {
      email: String(data.get('email')).trim(),
      role: String(data.get('role')),
    });
    if (result.ok) form.reset();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField label="Email" name="email" type="email" required maxLength={254} placeholder="colleague@example.com" className="flex-1" />
        <div className="flex flex-col gap-1">
          <label htmlFor={roleId} className="text-sm font-medium text-slate-700">
            Role
          </label>
          <select
            id={roleId}
            name="role"
            defaultValue="member"
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none"
          >
            <option value="member">Member</option>
            <option value="admin">Admin</option>
            {canAddOwner ? <option value="owner">Owner</option> : null}
          </select>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Adding…' : 'Add member'}
        </Button>
      </div>
      <FormError message={error} />
    </form>
  );
}
