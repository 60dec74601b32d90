'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { Checkbox } from '@/components/checkbox';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';
import { useJsonAction } from '../../../use-json-action';
import { NewKeyBox } from './new-key-box';

interface Created {
  key: string;
  apiKey: { name: string };
}

/** The expiry is a calendar day; the key stops working when that day ends in UTC. */
function endOfDayUtc(day: string): string {
  return new Date(`${day}T23:59:59.999Z`).toISOString();
}

export function CreateApiKeyForm({ teamId, projects, scopes }: { teamId: string; projects: { id: string; name: string }[]; scopes: string[] }) {
  const [allProjects, setAllProjects] = useState(true);
  const { error, setError, pending, run } = useJsonAction();
  const [created, setCreated] = useState<Created | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const projectIds = data.getAll('projectIds').map(String);
    const chosenScopes = data.getAll('scopes').map(String);
    const expires = String(data.get('expiresOn') ?? '');
    if (!allProjects && projectIds.length === 0) return setError('Choose at least one project, or All projects.');
    if (chosenScopes.length === 0) return setError('Choose at least one scope.');
    const result = await run<Created>('POST', `/api/billstack/teams/${teamId}/api-keys`, {
      name: String(data.get('name')).trim(),
      projectIds: allProjects ? 'all' : projectIds,
      scopes: chosenScopes,
      ...(expires ? { expiresAt: endOfDayUtc(expires) } : {}),
    });
    if (!result.ok) return;
    setCreated(result.data);
    form.reset();
    setAllProjects(true);
  }

  return (
    <div className="flex flex-col gap-5">
      {created ? <NewKeyBox name={created.apiKey.name} secret={created.key} onDone={() => setCreated(null)} /> : null}
      <form onSubmit={onSubmit} className="flex flex-col gap-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Key name" name="name" required maxLength={100} placeholder="Production backend" />
          <TextField
            label="Expires on (optional)"
            name="expiresOn"
            type="date"
            hint="The key stops working at the end of this day (UTC). Leave empty for no expiry."
          />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Projects</legend>
          <div className="mt-2 flex flex-col gap-2">
            <Checkbox label="All projects" checked={allProjects} onChange={(event) => setAllProjects(event.target.checked)} />
            {projects.length > 0 ? (
              <div className="ml-6 grid gap-2 sm:grid-cols-2">
                {projects.map((project) => (
                  <Checkbox key={project.id} name="projectIds" value={project.id} label={project.name} disabled={allProjects} />
                ))}
              </div>
            ) : null}
          </div>
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Scopes</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            {scopes.map((scope) => (
              <Checkbox key={scope} name="scopes" value={scope} label={scope === '*' ? 'All scopes (*)' : scope} className="font-mono" />
            ))}
          </div>
        </fieldset>
        <FormError message={error} />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? 'Creating…' : 'Create API key'}
          </Button>
        </div>
      </form>
    </div>
  );
}
