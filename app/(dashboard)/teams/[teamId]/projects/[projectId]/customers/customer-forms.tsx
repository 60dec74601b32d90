'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';
import { SuccessNote } from '../../../../../confirm-action';
import { useJsonAction } from '../../../../../use-json-action';

// The API's limits (lib/customers/schemas.ts), stated on the form and checked before sending.
const emailMax = 254;
const nameMax = 256;

type Errors = Partial<Record<'email' | 'name', string>>;

function readCustomer(form: HTMLFormElement) {
  const data = new FormData(form);
  const email = String(data.get('email') ?? '').trim();
  const name = String(data.get('name') ?? '').trim();
  const errors: Errors = {};
  if (!email) errors.email = 'Enter an email address';
  else if (email.length > emailMax) errors.email = `At most ${emailMax} characters`;
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'Enter an address such as jane@example.com';
  if (name.length > nameMax) errors.name = `At most ${nameMax} characters`;
  return { email, name, errors };
}

function CustomerFields({ errors, defaults }: { errors: Errors; defaults?: { email: string; name: string | null } }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField label="Email" name="email" type="email" autoComplete="off" defaultValue={defaults?.email} maxLength={emailMax} error={errors.email} hint="Unique in this project." />
      <TextField label="Name (optional)" name="name" autoComplete="off" defaultValue={defaults?.name ?? ''} maxLength={nameMax} error={errors.name} hint={`Up to ${nameMax} characters.`} />
    </div>
  );
}

/** Creates the customer (in Stripe too), then opens their page. */
export function CreateCustomerForm({ apiPath, pagePath }: { apiPath: string; pagePath: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const { error, pending, run } = useJsonAction({ refresh: false, holdPendingOnSuccess: true });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { email, name, errors } = readCustomer(event.currentTarget);
    setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const result = await run<{ customer: { id: string } }>('POST', `${apiPath}/customers`, { email, ...(name ? { name } : {}) });
    if (result.ok) router.push(`${pagePath}/customers/${result.data.customer.id}?created=1`);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="New customer" className="flex flex-col gap-4">
      <CustomerFields errors={errors} />
      <FormError message={error} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create customer'}
        </Button>
      </div>
    </form>
  );
}

/** Changes the email or name, here and in Stripe; an emptied name is removed. */
export function EditCustomerForm({ apiPath, customer }: { apiPath: string; customer: { id: string; email: string; name: string | null } }) {
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const { error, pending, run } = useJsonAction();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const { email, name, errors } = readCustomer(event.currentTarget);
    setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const result = await run('PATCH', `${apiPath}/customers/${customer.id}`, { email, name: name || null });
    setSaved(result.ok);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Edit customer" className="flex flex-col gap-4">
      <CustomerFields errors={errors} defaults={customer} />
      <FormError message={error} />
      {saved ? <SuccessNote>Customer saved.</SuccessNote> : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save changes'}
        </Button>
      </div>
    </form>
  );
}
