'use client';

import { useId } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import type { TeamRole } from '@/db/schema';
import { useJsonAction } from '../../../use-json-action';

/**
 * A member's role select and remove button, for owners and admins. The API keeps the rules (an admin cannot touch
 * an owner, the last owner stays); the page only offers what the caller's role may try.
 */
export function MemberActions({
  teamId,
  userId,
  email,
  role,
  canMakeOwner,
}: {
  teamId: string;
  userId: string;
  email: string;
  role: TeamRole;
  canMakeOwner: boolean;
}) {
  const selectId = useId();
  const { error, pending, run } = useJsonAction();
  const url = `/api/billstack/teams/${teamId}/members/${encodeURIComponent(userId)}`;
  const roles: TeamRole[] = canMakeOwner ? ['owner', 'admin', 'member'] : ['admin', 'member'];

  function remove() {
    if (window.confirm(`Remove ${email} from this team? They lose access at once.`)) void run('DELETE', url);
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        <label htmlFor={selectId} className="sr-only">
          Role of {email}
        </label>
        <select
          id={selectId}
          value={role}
          disabled={pending}
          onChange={(event) => void run('PATCH', url, { role: event.target.value })}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none"
        >
          {roles.map((option) => (
            <option key={option} value={option}>
              {option[0].toUpperCase() + option.slice(1)}
            </option>
          ))}
        </select>
        <Button variant="ghost-danger" aria-label={`Remove ${email}`} disabled={pending} onClick={remove}>
          Remove
        </Button>
      </div>
      <FormError message={error} />
    </div>
  );
}
