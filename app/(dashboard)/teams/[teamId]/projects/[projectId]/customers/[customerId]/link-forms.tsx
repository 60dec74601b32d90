'use client';

import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { CopyField } from '@/components/copy-field';
import { FormError } from '@/components/form-error';
import { formatTime } from '@/components/format';
import { SelectField } from '@/components/select-field';
import { TextField } from '@/components/text-field';
import { useJsonAction } from '../../../../../../use-json-action';

interface IssuedLink {
  url: string;
  expiresAt: string;
}

function IssuedLinkBox({ label, link }: { label: string; link: IssuedLink }) {
  return (
    <div role="status" className="flex flex-col gap-2 rounded-md border border-emerald-200 bg-emerald-50 p-3">
      <CopyField label={label} value={link.url} />
      <p className="text-xs text-slate-700">Expires {formatTime(link.expiresAt)}.</p>
    </div>
  );
}

const noSubscription = () => () => {};
const currentPage = () => `${window.location.origin}${window.location.pathname}`;

function isWebAddress(text: string): boolean {
  return URL.canParse(text) && /^https?:$/.test(new URL(text).protocol);
}

/** A Stripe Checkout link for this customer and one price, to send them; they pay on Stripe's page. */
export function CheckoutLinkForm({ apiPath, customerId, prices }: { apiPath: string; customerId: string; prices: { value: string; label: string }[] }) {
  const [link, setLink] = useState<IssuedLink | null>(null);
  const [errors, setErrors] = useState<Partial<Record<'successUrl' | 'cancelUrl', string>>>({});
  const { error, pending, run } = useJsonAction({ refresh: false });
  // The customer comes back to this page by default; known only in the browser, so the fields remount with it.
  const here = useSyncExternalStore(noSubscription, currentPage, () => '');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setLink(null);
    const data = new FormData(event.currentTarget);
    const successUrl = String(data.get('successUrl') ?? '').trim();
    const cancelUrl = String(data.get('cancelUrl') ?? '').trim();
    const found: typeof errors = {};
    if (!isWebAddress(successUrl)) found.successUrl = 'Enter a full address starting with https://';
    if (!isWebAddress(cancelUrl)) found.cancelUrl = 'Enter a full address starting with https://';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await run<{ checkout: IssuedLink }>('POST', `${apiPath}/checkout`, {
      customerId,
      priceId: String(data.get('priceId')),
      successUrl,
      cancelUrl,
    });
    if (result.ok) setLink(result.data.checkout);
  }

  if (prices.length === 0) return <p className="text-sm text-slate-500">No active prices yet: add one under Products & prices.</p>;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Checkout link" className="flex flex-col gap-4">
      <SelectField label="Price" name="priceId" options={prices} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField key={`success-${here}`} label="After paying, go to" name="successUrl" type="url" defaultValue={here} error={errors.successUrl} />
        <TextField key={`cancel-${here}`} label="If they cancel, go to" name="cancelUrl" type="url" defaultValue={here} error={errors.cancelUrl} />
      </div>
      <FormError message={error} />
      {link ? <IssuedLinkBox label="Checkout link" link={link} /> : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create checkout link'}
        </Button>
      </div>
    </form>
  );
}

const lifetimes = [
  { value: String(60 * 60), label: '1 hour' },
  { value: String(24 * 60 * 60), label: '24 hours' },
  { value: String(7 * 24 * 60 * 60), label: '7 days (the longest)' },
];

/** A link to the hosted customer portal, where the customer manages their own billing until it expires. */
export function PortalLinkForm({ apiPath, customerId }: { apiPath: string; customerId: string }) {
  const [link, setLink] = useState<IssuedLink | null>(null);
  const { error, pending, run } = useJsonAction({ refresh: false });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setLink(null);
    const expiresIn = Number(new FormData(event.currentTarget).get('expiresIn'));
    const result = await run<{ portal: IssuedLink }>('POST', `${apiPath}/portal`, { customerId, expiresIn });
    if (result.ok) setLink(result.data.portal);
  }

  return (
    <form onSubmit={onSubmit} aria-label="Portal link" className="flex flex-col gap-4">
      <SelectField label="Valid for" name="expiresIn" defaultValue={lifetimes[0].value} options={lifetimes} />
      <p className="text-xs text-slate-500">Anyone with the link can manage this customer&apos;s billing until it expires.</p>
      <FormError message={error} />
      {link ? <IssuedLinkBox label="Portal link" link={link} /> : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create portal link'}
        </Button>
      </div>
    </form>
  );
}
