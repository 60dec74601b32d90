'use client';

import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { useJsonAction } from '../../../use-json-action';

/** Applies a failed or ignored event again through the API; the page re-renders with its new status. */
export function RetryEventButton({ teamId, event }: { teamId: string; event: { id: string; type: string } }) {
  const { error, pending, run } = useJsonAction();
  return (
    <div className="flex flex-col items-end gap-2">
      <Button
        variant="secondary"
        aria-label={`Retry ${event.type} ${event.id}`}
        disabled={pending}
        onClick={() => void run('POST', `/api/billstack/teams/${teamId}/webhook-events/${event.id}/retry`)}
      >
        {pending ? 'Retrying…' : 'Retry'}
      </Button>
      <FormError message={error} />
    </div>
  );
}
