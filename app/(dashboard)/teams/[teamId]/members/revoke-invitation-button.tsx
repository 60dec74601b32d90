'use client';

import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { useJsonAction } from '../../../use-json-action';

export function RevokeInvitationButton({ teamId, invitationId, email }: { teamId: string; invitationId: string; email: string }) {
  const { error, pending, run } = useJsonAction();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="ghost-danger"
        aria-label={`Revoke the invitation of ${email}`}
        disabled={pending}
        onClick={() => run('DELETE', `/api/billstack/teams/${teamId}/invitations/${invitationId}`)}
      >
        {pending ? 'Revoking…' : 'Revoke'}
      </Button>
      <FormError message={error} />
    </div>
  );
}
