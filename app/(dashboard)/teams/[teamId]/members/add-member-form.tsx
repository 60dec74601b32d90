'use client';

import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';
import { useJsonAction } from '../../../use-json-action';

export function AddMemberForm({ teamId, canAddOwner }: { teamId: string; canAddOwner: boolean }) {
  const roleId = useId();
  const { error, pending, run } = useJsonAction();
  const [sent, setSent] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setSent(null);
    const result = await run('POST', `/api/billstack/teams/${teamId}/members`, {
      email: String(data.get('email')).trim(),
      role: String(data.get('role')),
    });
    if (result.ok) {
      setSent(String(data.get('email')).trim().toLowerCase());
      form.reset();
    }
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
          {pending ? 'Sending…' : 'Send invitation'}
        </Button>
      </div>
      <FormError message={error} />
      {sent && !error ? (
        <p role="status" className="text-sm text-slate-600">
          Invitation mailed to {sent}.
        </p>
      ) : null}
    </form>
  );
}
