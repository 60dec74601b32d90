'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';
import { useJsonAction } from '../../use-json-action';

type Mode = 'idle' | 'renaming' | 'confirming-delete';

/** Rename and delete for owners and admins; delete asks for a second click instead of a browser dialog. */
export function ProjectActions({ teamId, project }: { teamId: string; project: { id: string; name: string } }) {
  const [mode, setMode] = useState<Mode>('idle');
  const { error, setError, pending, run: send } = useJsonAction();
  const url = `/api/billstack/teams/${teamId}/projects/${project.id}`;

  async function run(method: 'PATCH' | 'DELETE', body?: unknown) {
    const result = await send(method, url, body);
    if (result.ok) setMode('idle');
  }

  function rename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run('PATCH', { name: String(new FormData(event.currentTarget).get('name')).trim() });
  }

  function cancel() {
    setMode('idle');
    setError(null);
  }

  return (
    <div className="flex flex-col items-end gap-2">
      {mode === 'renaming' ? (
        <form onSubmit={rename} className="flex items-end gap-2">
          <TextField label={`New name for ${project.name}`} name="name" defaultValue={project.name} required maxLength={100} autoFocus />
          <Button type="submit" disabled={pending}>
            Save
          </Button>
          <Button variant="ghost" onClick={cancel}>
            Cancel
          </Button>
        </form>
      ) : mode === 'confirming-delete' ? (
        <div className="flex items-center gap-2">
          <span className="text-sm text-slate-600">Delete “{project.name}” and everything in it?</span>
          <Button variant="danger" onClick={() => void run('DELETE')} disabled={pending}>
            Confirm delete
          </Button>
          <Button variant="ghost" onClick={cancel}>
            Cancel
          </Button>
        </div>
      ) : (
        <div className="flex gap-2">
          <Button variant="secondary" aria-label={`Rename ${project.name}`} onClick={() => setMode('renaming')}>
            Rename
          </Button>
          <Button variant="ghost-danger" aria-label={`Delete ${project.name}`} onClick={() => setMode('confirming-delete')}>
            Delete
          </Button>
        </div>
      )}
      <FormError message={error} />
    </div>
  );
}
