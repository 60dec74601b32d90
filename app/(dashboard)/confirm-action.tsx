'use client';

import { useState } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { useJsonAction } from './use-json-action';

interface ConfirmActionProps {
  /** The button that starts it, e.g. "Archive". */
  label: string;
  /** A name for the button when its label alone is ambiguous in a list ("Archive price $29.00 / month"). */
  accessibleLabel?: string;
  /** What will happen, shown before anything is sent. */
  consequence: string;
  confirmLabel: string;
  /** Shown (and announced) once the API has accepted it. */
  done: string;
  method: 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  danger?: boolean;
}

/** An action that asks first, saying what it will do, then calls the API and confirms or shows the API's refusal. */
export function ConfirmAction({ label, accessibleLabel, consequence, confirmLabel, done, method, url, body, danger = true }: ConfirmActionProps) {
  const [confirming, setConfirming] = useState(false);
  // The message is kept as it was at success: the refreshed page may render this spot with the opposite action.
  const [succeeded, setSucceeded] = useState<string | null>(null);
  const { error, pending, run } = useJsonAction();

  async function confirm() {
    const result = await run(method, url, body);
    if (!result.ok) return;
    setConfirming(false);
    setSucceeded(done);
  }

  return (
    <div className="flex min-w-0 flex-col items-start gap-2">
      {confirming ? (
        <div role="group" aria-label={label} className="flex max-w-md flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-3">
          <p className="text-sm text-slate-700">{consequence}</p>
          <div className="flex flex-wrap gap-2">
            {/* Focus moves to the confirmation, so a keyboard user answers it next. */}
            <Button ref={(button) => button?.focus()} variant={danger ? 'danger' : 'primary'} onClick={() => void confirm()} disabled={pending}>
              {pending ? 'Working…' : confirmLabel}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
              Keep as is
            </Button>
          </div>
        </div>
      ) : (
        <Button
          variant={danger ? 'ghost-danger' : 'secondary'}
          aria-label={accessibleLabel}
          onClick={() => {
            setSucceeded(null);
            setConfirming(true);
          }}
        >
          {label}
        </Button>
      )}
      <FormError message={error} />
      {succeeded ? <SuccessNote>{succeeded}</SuccessNote> : null}
    </div>
  );
}

/** A short confirmation that an action went through, announced politely. */
export function SuccessNote({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      {children}
    </p>
  );
}
