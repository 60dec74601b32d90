'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { TextAreaField, TextField } from '@/components/text-field';
import { SuccessNote } from '../../../../../confirm-action';
import { useJsonAction } from '../../../../../use-json-action';

// The API's limits (lib/catalog/schemas.ts), stated on the form and checked before sending.
const nameMax = 256;
const descriptionMax = 5000;

type Errors = Partial<Record<'name' | 'description', string>>;

function readProduct(form: HTMLFormElement): { name: string; description: string; errors: Errors } {
  const data = new FormData(form);
  const name = String(data.get('name') ?? '').trim();
  const description = String(data.get('description') ?? '').trim();
  const errors: Errors = {};
  if (!name) errors.name = 'Enter a name';
  else if (name.length > nameMax) errors.name = `At most ${nameMax} characters`;
  if (description.length > descriptionMax) errors.description = `At most ${descriptionMax} characters`;
  return { name, description, errors };
}

/** Creates a product, then opens its page to add prices. */
export function CreateProductForm({ apiPath, pagePath }: { apiPath: string; pagePath: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const { error, pending, run } = useJsonAction({ refresh: false, holdPendingOnSuccess: true });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { name, description, errors } = readProduct(event.currentTarget);
    setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const result = await run<{ product: { id: string } }>('POST', `${apiPath}/products`, { name, ...(description ? { description } : {}) });
    if (result.ok) router.push(`${pagePath}/products/${result.data.product.id}?created=1`);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="New product" className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" maxLength={nameMax} hint={`Shown to customers at checkout; up to ${nameMax} characters.`} error={errors.name} />
        <TextAreaField label="Description (optional)" name="description" maxLength={descriptionMax} hint={`Up to ${descriptionMax} characters.`} error={errors.description} />
      </div>
      <FormError message={error} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create product'}
        </Button>
      </div>
    </form>
  );
}

/** Renames a product or changes its description; an emptied description is removed. */
export function EditProductForm({ apiPath, product }: { apiPath: string; product: { id: string; name: string; description: string | null } }) {
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const { error, pending, run } = useJsonAction();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const { name, description, errors } = readProduct(event.currentTarget);
    setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const result = await run('PATCH', `${apiPath}/products/${product.id}`, { name, description: description || null });
    setSaved(result.ok);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Edit product" className="flex flex-col gap-4">
      <TextField label="Name" name="name" defaultValue={product.name} maxLength={nameMax} hint={`Up to ${nameMax} characters.`} error={errors.name} />
      <TextAreaField
        label="Description"
        name="description"
        defaultValue={product.description ?? ''}
        maxLength={descriptionMax}
        hint={`Optional; up to ${descriptionMax} characters. Leave empty to remove it.`}
        error={errors.description}
      />
      <FormError message={error} />
      {saved ? <SuccessNote>Product saved.</SuccessNote> : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save changes'}
        </Button>
      </div>
    </form>
  );
}
