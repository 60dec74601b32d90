'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { Checkbox } from '@/components/checkbox';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';
import { useJsonAction } from '../../../../../use-json-action';
import { NewKeyBox } from '../../../api-keys/new-key-box';

interface WithSecret {
  webhookEndpoint: { id: string; url: string };
  secret: string;
}

function SecretBox({ shown, onDone }: { shown: WithSecret; onDone: () => void }) {
  return (
    <NewKeyBox
      name={shown.webhookEndpoint.url}
      secret={shown.secret}
      onDone={onDone}
      heading={`Signing secret for ${shown.webhookEndpoint.url}`}
      inputLabel="Signing secret"
    />
  );
}

export function CreateWebhookEndpointForm({ basePath, eventTypes }: { basePath: string; eventTypes: string[] }) {
  const [allEvents, setAllEvents] = useState(true);
  const [created, setCreated] = useState<WithSecret | null>(null);
  const { error, setError, pending, run } = useJsonAction();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const events = allEvents ? ['*'] : data.getAll('events').map(String);
    if (events.length === 0) return setError('Choose at least one event, or All events.');
    const description = String(data.get('description') ?? '').trim();
    const result = await run<WithSecret>('POST', `${basePath}/webhook-endpoints`, {
      url: String(data.get('url')).trim(),
      events,
      ...(description ? { description } : {}),
    });
    if (!result.ok) return;
    setCreated(result.data);
    form.reset();
    setAllEvents(true);
  }

  return (
    <div className="flex flex-col gap-5">
      {created ? <SecretBox shown={created} onDone={() => setCreated(null)} /> : null}
      <form onSubmit={onSubmit} className="flex flex-col gap-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Endpoint URL" name="url" type="url" required maxLength={2048} placeholder="https://api.example.com/billstack-webhooks" />
          <TextField label="Description (optional)" name="description" maxLength={256} placeholder="Production backend" />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Events</legend>
          <div className="mt-2 flex flex-col gap-2">
            <Checkbox label="All events" checked={allEvents} onChange={(event) => setAllEvents(event.target.checked)} />
            <div className="ml-6 grid gap-2 sm:grid-cols-3">
              {eventTypes.map((type) => (
                <Checkbox key={type} name="events" value={type} label={type} disabled={allEvents} className="font-mono" />
              ))}
            </div>
          </div>
        </fieldset>
        <FormError message={error} />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? 'Adding…' : 'Add endpoint'}
          </Button>
        </div>
      </form>
    </div>
  );
}

interface DeliveryResult {
  delivery: { status: string; responseCode: number | null };
}

/** Enable or disable, send a test event, rotate the secret (shown once), delete after a second click. */
export function WebhookEndpointActions({ basePath, endpoint }: { basePath: string; endpoint: { id: string; url: string; enabled: boolean } }) {
  const path = `${basePath}/webhook-endpoints/${endpoint.id}`;
  const { error, pending, run } = useJsonAction();
  const [rotated, setRotated] = useState<WithSecret | null>(null);
  const [tested, setTested] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  async function test() {
    setTested(null);
    const result = await run<DeliveryResult>('POST', `${path}/test`);
    if (!result.ok) return;
    const { status, responseCode } = result.data.delivery;
    setTested(status === 'succeeded' ? `Test event delivered (HTTP ${responseCode})` : `Test event failed${responseCode ? ` (HTTP ${responseCode})` : ''}`);
  }

  async function rotate() {
    const result = await run<WithSecret>('POST', `${path}/rotate-secret`);
    if (result.ok) setRotated(result.data);
  }

  return (
    <div className="flex flex-col gap-2">
      <div className="-ml-3 flex flex-wrap gap-1">
        <Button variant="ghost" disabled={pending} onClick={() => void run('PATCH', path, { enabled: !endpoint.enabled })}>
          {endpoint.enabled ? 'Disable' : 'Enable'}
        </Button>
        <Button variant="ghost" disabled={pending} onClick={() => void test()}>
          Send test
        </Button>
        <Button variant="ghost" disabled={pending} onClick={() => void rotate()}>
          Rotate secret
        </Button>
        {confirming ? (
          <>
            <Button variant="danger" disabled={pending} onClick={() => void run('DELETE', path)}>
              Confirm delete
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </>
        ) : (
          <Button variant="ghost-danger" aria-label={`Delete ${endpoint.url}`} onClick={() => setConfirming(true)}>
            Delete
          </Button>
        )}
      </div>
      <p aria-live="polite" className="text-xs text-slate-600">
        {tested ?? ''}
      </p>
      {rotated ? <SecretBox shown={rotated} onDone={() => setRotated(null)} /> : null}
      <FormError message={error} />
    </div>
  );
}

export function RedeliverButton({ basePath, endpointId, deliveryId }: { basePath: string; endpointId: string; deliveryId: string }) {
  const { error, pending, run } = useJsonAction();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="ghost"
        disabled={pending}
        aria-label={`Redeliver ${deliveryId}`}
        onClick={() => void run('POST', `${basePath}/webhook-endpoints/${endpointId}/deliveries/${deliveryId}/redeliver`)}
      >
        Redeliver
      </Button>
      <FormError message={error} />
    </div>
  );
}
