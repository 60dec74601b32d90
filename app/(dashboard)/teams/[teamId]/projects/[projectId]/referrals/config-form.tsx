'use client';

import { useState, type FormEvent } from 'react';
import { useJsonAction } from '@/app/(dashboard)/use-json-action';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { TextField } from '@/components/text-field';

export interface ReferralConfigValues {
  enabled: boolean;
  refereeDiscount: { type: 'percent' | 'amount'; value: number; currency?: string; durationMonths: number } | null;
  referrerReward: { type: 'percent' | 'amount' | 'credit'; value: number; currency?: string; durationMonths?: number } | null;
  rewardAfter: 'signup' | 'first_payment';
  attributionDays: number;
  holdDays: number;
  maxRedemptionsPerCode: number | null;
  codeExpiresInDays: number | null;
}

const selectClasses =
  'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30';

/** Whole numbers or empty (an optional limit left blank). */
const optionalNumber = (text: string) => (text.trim() === '' ? null : Number(text));

/**
 * The project's referral program as one form: PUT .../referrals/config with the whole configuration. Amounts are
 * typed in minor units, as the API takes them; the API's 400 (naming the field) is shown as it is.
 */
export function ReferralConfigForm({ endpoint, initial }: { endpoint: string; initial: ReferralConfigValues }) {
  const { error, pending, run } = useJsonAction();
  const [saved, setSaved] = useState(false);
  const [refereeType, setRefereeType] = useState(initial.refereeDiscount?.type ?? 'percent');
  const [rewardType, setRewardType] = useState(initial.referrerReward?.type ?? 'credit');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    const currency = (name: string) => text(name).trim().toLowerCase() || undefined;
    const body = {
      enabled: form.get('enabled') === 'on',
      refereeDiscount: {
        type: refereeType,
        value: Number(text('refereeValue')),
        ...(refereeType === 'amount' ? { currency: currency('refereeCurrency') } : {}),
        durationMonths: Number(text('refereeMonths')),
      },
      referrerReward: {
        type: rewardType,
        value: Number(text('rewardValue')),
        ...(rewardType === 'percent' ? {} : { currency: currency('rewardCurrency') }),
        ...(rewardType === 'credit' ? {} : { durationMonths: Number(text('rewardMonths')) }),
      },
      rewardAfter: text('rewardAfter'),
      attributionDays: Number(text('attributionDays')),
      holdDays: Number(text('holdDays')),
      maxRedemptionsPerCode: optionalNumber(text('maxRedemptionsPerCode')),
      codeExpiresInDays: optionalNumber(text('codeExpiresInDays')),
    };
    const result = await run('PUT', endpoint, body);
    if (result.ok) setSaved(true);
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-5" aria-label="Referral program">
      <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <input type="checkbox" name="enabled" defaultChecked={initial.enabled} className="h-4 w-4 rounded border-slate-300" />
        Referrals enabled
      </label>
      <fieldset className="grid gap-3 sm:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Referee discount</legend>
        <div className="flex flex-col gap-1">
          <label htmlFor="refereeType" className="text-sm font-medium text-slate-700">Type</label>
          <select id="refereeType" value={refereeType} onChange={(e) => setRefereeType(e.target.value as 'percent' | 'amount')} className={selectClasses}>
            <option value="percent">Percent off</option>
            <option value="amount">Amount off</option>
          </select>
        </div>
        <TextField label={refereeType === 'percent' ? 'Percent' : 'Amount (minor units)'} name="refereeValue" type="number" step="any" required defaultValue={initial.refereeDiscount?.value ?? 20} />
        {refereeType === 'amount' ? (
          <TextField label="Currency" name="refereeCurrency" defaultValue={initial.refereeDiscount?.currency ?? 'usd'} />
        ) : null}
        <TextField label="Months" name="refereeMonths" type="number" min={1} required defaultValue={initial.refereeDiscount?.durationMonths ?? 3} />
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Referrer reward</legend>
        <div className="flex flex-col gap-1">
          <label htmlFor="rewardType" className="text-sm font-medium text-slate-700">Type</label>
          <select id="rewardType" value={rewardType} onChange={(e) => setRewardType(e.target.value as 'percent' | 'amount' | 'credit')} className={selectClasses}>
            <option value="credit">Account credit</option>
            <option value="percent">Percent off</option>
            <option value="amount">Amount off</option>
          </select>
        </div>
        <TextField label={rewardType === 'percent' ? 'Percent' : 'Amount (minor units)'} name="rewardValue" type="number" step="any" required defaultValue={initial.referrerReward?.value ?? 1000} />
        {rewardType === 'percent' ? null : <TextField label="Reward currency" name="rewardCurrency" defaultValue={initial.referrerReward?.currency ?? 'usd'} />}
        {rewardType === 'credit' ? null : (
          <TextField label="Reward months" name="rewardMonths" type="number" min={1} required defaultValue={initial.referrerReward?.durationMonths ?? 1} />
        )}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="rewardAfter" className="text-sm font-medium text-slate-700">Reward after</label>
          <select id="rewardAfter" name="rewardAfter" defaultValue={initial.rewardAfter} className={selectClasses}>
            <option value="first_payment">First payment</option>
            <option value="signup">Signup</option>
          </select>
        </div>
        <TextField label="Attribution window (days)" name="attributionDays" type="number" min={1} required defaultValue={initial.attributionDays} />
        <TextField label="Hold period (days)" name="holdDays" type="number" min={0} required defaultValue={initial.holdDays} />
        <TextField label="Max redemptions per code" name="maxRedemptionsPerCode" type="number" min={1} hint="Blank: unlimited" defaultValue={initial.maxRedemptionsPerCode ?? ''} />
        <TextField label="Codes expire after (days)" name="codeExpiresInDays" type="number" min={1} hint="Blank: never" defaultValue={initial.codeExpiresInDays ?? ''} />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          Save program
        </Button>
        {saved ? (
          <p role="status" className="text-sm text-emerald-700">
            Saved
          </p>
        ) : null}
      </div>
      <FormError message={error} />
    </form>
  );
}
