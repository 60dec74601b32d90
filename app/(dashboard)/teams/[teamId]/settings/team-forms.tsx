'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';
import { SuccessNote } from '../../../confirm-action';
import { useJsonAction } from '../../../use-json-action';

// The API's limit (lib/teams/schemas.ts), stated on the form and checked before sending.
const nameMax = 100;

export function RenameTeamForm({ team }: { team: { id: string; name: string } }) {
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { error, pending, run } = useJsonAction();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    const problem = !name ? 'Enter a name' : name.length > nameMax ? `At most ${nameMax} characters` : null;
    setFieldError(problem);
    if (problem) return;
    const result = await run('PATCH', `/api/billstack/teams/${team.id}`, { name });
    setSaved(result.ok);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Rename team" className="flex flex-col gap-4">
      <TextField label="Team name" name="name" defaultValue={team.name} maxLength={nameMax} hint={`Up to ${nameMax} characters.`} error={fieldError} autoComplete="off" />
      <FormError message={error} />
      {saved ? <SuccessNote>Team renamed.</SuccessNote> : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Rename team'}
        </Button>
      </div>
    </form>
  );
}

/** Deleting asks for the team's name typed out, so it cannot happen by a stray click on the wrong team. */
export function DeleteTeamForm({ team }: { team: { id: string; name: string } }) {
  const router = useRouter();
  const [typed, setTyped] = useState('');
  const { error, pending, run } = useJsonAction({ refresh: false, holdPendingOnSuccess: true });
  const matches = typed.trim() === team.name;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!matches) return;
    const result = await run('DELETE', `/api/billstack/teams/${team.id}`);
    if (result.ok) router.push('/teams?deleted=1');
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Delete team" className="flex flex-col gap-4">
      <TextField
        label={`Type ${team.name} to confirm`}
        name="confirmation"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <FormError message={error} />
      <div>
        <Button type="submit" variant="danger" disabled={!matches || pending}>
          {pending ? 'Deleting…' : 'Delete this team'}
        </Button>
      </div>
    </form>
  );
}
