'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { formatDate } from '@/components/format';
import { formatMoney } from '@/components/portal/money';
import { SelectField } from '@/components/select-field';
import { TextField } from '@/components/text-field';
import { SuccessNote } from '../../../../../confirm-action';
import { useJsonAction } from '../../../../../use-json-action';

interface Preview {
  when: 'now' | 'period_end';
  proration: string;
  prorationDate: string | null;
  amountDueNow: number;
  currency: string;
  nextInvoiceAmount: number;
  nextInvoiceAt: string;
  lines: { description: string | null; amount: number; proration: boolean; due: 'now' | 'next_invoice' }[];
}

const maxQuantity = 10_000;

/**
 * Switches the subscription to one price: a preview from Stripe first (what is due now, the next invoice), then
 * the change exactly as previewed. When and how it is billed default to the project's plan-change settings.
 */
export function PlanChangeForm({ apiPath, subscriptionId, prices }: { apiPath: string; subscriptionId: string; prices: { value: string; label: string }[] }) {
  const [preview, setPreview] = useState<{ body: Record<string, unknown>; result: Preview } | null>(null);
  const [quantityError, setQuantityError] = useState<string | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const previewing = useJsonAction({ refresh: false });
  const changing = useJsonAction();
  const url = `${apiPath}/subscriptions/${subscriptionId}/change`;

  async function onPreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPreview(null);
    setChanged(null);
    const data = new FormData(event.currentTarget);
    const quantityText = String(data.get('quantity') ?? '').trim();
    const quantity = Number(quantityText);
    if (!/^\d+$/.test(quantityText) || quantity < 1 || quantity > maxQuantity) return setQuantityError(`A whole number from 1 to ${maxQuantity}`);
    setQuantityError(null);
    const when = String(data.get('when'));
    const proration = String(data.get('proration'));
    const body: Record<string, unknown> = {
      items: [{ priceId: String(data.get('priceId')), quantity }],
      ...(when ? { when } : {}),
      ...(proration ? { proration } : {}),
    };
    const result = await previewing.run<{ preview: Preview }>('POST', `${url}/preview`, body);
    if (result.ok) setPreview({ body, result: result.data.preview });
  }

  async function confirm() {
    if (!preview) return;
    const { body, result } = preview;
    // The preview's proration moment makes the invoice equal what was shown.
    const final = result.prorationDate ? { ...body, prorationDate: result.prorationDate } : body;
    const done = await changing.run('POST', url, final);
    if (!done.ok) return;
    setPreview(null);
    setChanged(result.when === 'now' ? 'Plan changed.' : `Plan change scheduled for ${formatDate(result.nextInvoiceAt)}.`);
  }

  if (prices.length === 0) return <p className="text-sm text-slate-500">No other active recurring price in this currency.</p>;
  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onPreview} noValidate aria-label="Change plan" className="flex flex-col gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="New price" name="priceId" options={prices} onChange={() => setPreview(null)} />
          <TextField label="Quantity" name="quantity" inputMode="numeric" defaultValue="1" error={quantityError} hint={`1 to ${maxQuantity}.`} onChange={() => setPreview(null)} />
          <SelectField
            label="When"
            name="when"
            onChange={() => setPreview(null)}
            options={[
              { value: '', label: 'Project default' },
              { value: 'now', label: 'Now' },
              { value: 'period_end', label: 'At the period end' },
            ]}
          />
          <SelectField
            label="Proration"
            name="proration"
            onChange={() => setPreview(null)}
            options={[
              { value: '', label: 'Project default' },
              { value: 'create_prorations', label: 'Prorate on the next invoice' },
              { value: 'always_invoice', label: 'Prorate and invoice now' },
              { value: 'none', label: 'No proration' },
            ]}
          />
        </div>
        <FormError message={previewing.error} />
        <div>
          <Button type="submit" variant="secondary" disabled={previewing.pending}>
            {previewing.pending ? 'Previewing…' : 'Preview change'}
          </Button>
        </div>
      </form>
      {preview ? (
        <section aria-label="Plan change preview" className="flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm">
          <p className="font-medium text-slate-900">
            {preview.result.when === 'now' ? 'Takes effect now.' : `Takes effect at the period end, ${formatDate(preview.result.nextInvoiceAt)}.`}{' '}
            Due now: {formatMoney(preview.result.amountDueNow, preview.result.currency)}. Next invoice on {formatDate(preview.result.nextInvoiceAt)}:{' '}
            {formatMoney(preview.result.nextInvoiceAmount, preview.result.currency)}.
          </p>
          {preview.result.lines.length > 0 ? (
            <ul className="flex flex-col gap-1 text-slate-700">
              {preview.result.lines.map((line, index) => (
                <li key={index} className="flex justify-between gap-3">
                  <span className="min-w-0 wrap-anywhere">{line.description ?? (line.proration ? 'Proration' : 'Plan')}</span>
                  <span className="whitespace-nowrap">{formatMoney(line.amount, preview.result.currency)}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <FormError message={changing.error} />
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => void confirm()} disabled={changing.pending}>
              {changing.pending ? 'Changing…' : 'Confirm plan change'}
            </Button>
            <Button variant="secondary" onClick={() => setPreview(null)} disabled={changing.pending}>
              Discard
            </Button>
          </div>
        </section>
      ) : null}
      {changed ? <SuccessNote>{changed}</SuccessNote> : null}
    </div>
  );
}
