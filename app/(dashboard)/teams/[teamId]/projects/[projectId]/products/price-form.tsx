'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-error';
import { formatMoney, parseMoney } from '@/components/portal/money';
import { SelectField } from '@/components/select-field';
import { TextField } from '@/components/text-field';
import { SuccessNote } from '../../../../../confirm-action';
import { useJsonAction } from '../../../../../use-json-action';

type Interval = 'day' | 'week' | 'month' | 'year';
export interface PriceLimits {
  maxUnitAmount: number;
  maxIntervalCount: Record<Interval, number>;
  maxTrialDays: number;
}
type Field = 'amount' | 'currency' | 'intervalCount' | 'trialDays' | 'nickname';

const intervals: Interval[] = ['day', 'week', 'month', 'year'];
const nicknameMax = 256;

function wholeNumber(text: string, min: number, max: number): number | string {
  if (!/^\d+$/.test(text)) return 'Enter a whole number';
  const value = Number(text);
  return value < min || value > max ? `Between ${min} and ${max}` : value;
}

/** Adds a price to a product: the amount is typed in the currency's own unit ("29.00" USD, "500" JPY). */
export function AddPriceForm({ apiPath, productId, limits }: { apiPath: string; productId: string; limits: PriceLimits }) {
  const [recurring, setRecurring] = useState(true);
  const [interval, setInterval] = useState<Interval>('month');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [added, setAdded] = useState<string | null>(null);
  const { error, pending, run } = useJsonAction();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAdded(null);
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const found: Partial<Record<Field, string>> = {};
    const currency = text('currency').toLowerCase();
    const knownCurrency = /^[a-z]{3}$/.test(currency) && Intl.supportedValuesOf('currency').includes(currency.toUpperCase());
    if (!knownCurrency) found.currency = 'Enter a three-letter ISO currency code, such as usd or eur';
    const money = knownCurrency ? parseMoney(text('amount'), currency, limits.maxUnitAmount) : null;
    if (money && 'error' in money) found.amount = money.error;
    const body: Record<string, unknown> = { currency };
    if (money && 'amount' in money) body.unitAmount = money.amount;
    if (recurring) {
      body.interval = interval;
      const count = wholeNumber(text('intervalCount') || '1', 1, limits.maxIntervalCount[interval]);
      if (typeof count === 'string') found.intervalCount = count;
      else body.intervalCount = count;
      const trial = wholeNumber(text('trialDays') || '0', 0, limits.maxTrialDays);
      if (typeof trial === 'string') found.trialDays = trial;
      else if (trial > 0) body.trialDays = trial;
    }
    const nickname = text('nickname');
    if (nickname.length > nicknameMax) found.nickname = `At most ${nicknameMax} characters`;
    else if (nickname) body.nickname = nickname;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await run('POST', `${apiPath}/products/${productId}/prices`, body);
    if (!result.ok) return;
    setAdded(`Added ${formatMoney(body.unitAmount as number, currency)}${recurring ? ` every ${body.intervalCount === 1 ? interval : `${body.intervalCount} ${interval}s`}` : ' one-time'}.`);
    form.reset();
    setRecurring(true);
    setInterval('month');
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a price" className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="Amount" name="amount" inputMode="decimal" placeholder="29.00" autoComplete="off" error={errors.amount} />
        <TextField label="Currency" name="currency" defaultValue="usd" maxLength={3} hint="ISO code: usd, eur, jpy…" autoComplete="off" error={errors.currency} />
        <SelectField
          label="Billing"
          name="billing"
          value={recurring ? 'recurring' : 'one_time'}
          onChange={(event) => setRecurring(event.target.value === 'recurring')}
          options={[
            { value: 'recurring', label: 'Recurring' },
            { value: 'one_time', label: 'One-time' },
          ]}
        />
      </div>
      {recurring ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField
            label="Interval"
            name="interval"
            value={interval}
            onChange={(event) => setInterval(event.target.value as Interval)}
            options={intervals.map((value) => ({ value, label: value }))}
          />
          <TextField
            label="Bill every"
            name="intervalCount"
            inputMode="numeric"
            defaultValue="1"
            hint={`Intervals between bills; at most ${limits.maxIntervalCount[interval]} for ${interval}s (three years).`}
            error={errors.intervalCount}
          />
          <TextField
            label="Trial days"
            name="trialDays"
            inputMode="numeric"
            defaultValue="0"
            hint={`0 for no trial; at most ${limits.maxTrialDays}.`}
            error={errors.trialDays}
          />
        </div>
      ) : null}
      <TextField label="Nickname (optional)" name="nickname" maxLength={nicknameMax} hint="Only shown to your team, e.g. “Pro monthly”." error={errors.nickname} />
      <p className="text-xs text-slate-500">A price cannot be changed once created (as in Stripe): archive it and add a new one instead.</p>
      <FormError message={error} />
      {added ? <SuccessNote>{added}</SuccessNote> : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Adding…' : 'Add price'}
        </Button>
      </div>
    </form>
  );
}
