'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useJsonAction } from '@/app/(dashboard)/use-json-action';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { formatDate } from '@/components/format';
import { formatInterval, formatMoney } from '@/components/portal/money';
import type { PortalPlan } from '@/lib/portal/service';
import type { PlanChangePreview } from '@/lib/subscriptions/plan-changes';

const planLabel = (plan: PortalPlan) =>
  `${plan.productName} · ${formatMoney(plan.unitAmount, plan.currency)} ${plan.interval ? formatInterval(plan.interval, plan.intervalCount) : ''}`.trim();

/** What the customer confirms: when the switch happens and what it bills, as Stripe previewed it. */
function PreviewSummary({ preview }: { preview: PlanChangePreview }) {
  const money = (amount: number) => formatMoney(amount, preview.currency);
  return (
    <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-1 text-sm text-slate-700" aria-label="What the change bills">
      <dt>Takes effect</dt>
      <dd className="text-right">{preview.when === 'now' ? 'Now' : `On ${formatDate(preview.nextInvoiceAt)}`}</dd>
      <dt>Charged now</dt>
      <dd className="text-right tabular-nums">{money(preview.amountDueNow)}</dd>
      <dt>Next invoice on {formatDate(preview.nextInvoiceAt)}</dt>
      <dd className="text-right tabular-nums">{money(preview.nextInvoiceAmount)}</dd>
    </dl>
  );
}

/**
 * Switch a subscription to another of the project's plans: pick one, see Stripe's preview of what it bills,
 * then confirm. The project's defaults decide whether it happens now or at the period end.
 */
export function PlanSwitcher({
  token,
  subscriptionId,
  plans,
  describedBy,
}: {
  token: string;
  subscriptionId: string;
  plans: PortalPlan[];
  describedBy: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const [preview, setPreview] = useState<PlanChangePreview | null>(null);
  const { error, pending: sending, run: send } = useJsonAction({ refresh: false });
  const [refreshing, startRefresh] = useTransition();
  const pending = sending || refreshing;
  const base = `/api/billstack/portal/${token}/subscriptions/${subscriptionId}/change`;
  const choices = plans.filter((plan) => !plan.current);
  if (choices.length === 0) return null;

  async function choose(priceId: string) {
    setChosen(priceId);
    setPreview(null);
    const result = await send<{ preview: PlanChangePreview }>('GET', `${base}/preview?priceId=${encodeURIComponent(priceId)}`);
    if (result.ok) setPreview(result.data.preview);
  }

  async function confirm() {
    if (!chosen) return;
    const result = await send('POST', base, { priceId: chosen });
    if (!result.ok) return;
    startRefresh(() => {
      setOpen(false);
      setChosen(null);
      setPreview(null);
      router.refresh();
    });
  }

  if (!open) {
    return (
      <Button variant="secondary" aria-describedby={describedBy} onClick={() => setOpen(true)}>
        Change plan
      </Button>
    );
  }
  return (
    <div className="flex w-full max-w-sm flex-col gap-3 rounded-md border border-slate-200 p-3">
      <fieldset className="flex flex-col gap-1.5" disabled={pending}>
        <legend className="mb-1 text-sm font-medium text-slate-900">Choose a plan</legend>
        {choices.map((plan) => (
          <label key={plan.priceId} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="radio" name={`plan-${subscriptionId}`} value={plan.priceId} checked={chosen === plan.priceId} onChange={() => void choose(plan.priceId)} />
            {planLabel(plan)}
          </label>
        ))}
      </fieldset>
      {preview ? <PreviewSummary preview={preview} /> : null}
      <div className="flex gap-2">
        <Button onClick={() => void confirm()} disabled={pending || !preview}>
          Confirm change
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)} disabled={pending}>
          Keep current plan
        </Button>
      </div>
      <FormError message={error} />
    </div>
  );
}
