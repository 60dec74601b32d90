'use client';

import { useState } from 'react';
import { Button } from '@/components/button';

/** The one time a secret (an API key's, a webhook endpoint's) is on screen: BillStack never shows it again. */
export function NewKeyBox({
  name,
  secret,
  onDone,
  heading = `API key “${name}” created`,
  inputLabel = 'New API key',
}: {
  name: string;
  secret: string;
  onDone: () => void;
  heading?: string;
  inputLabel?: string;
}) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <section aria-labelledby="new-key-heading" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4">
      <h3 id="new-key-heading" className="text-sm font-semibold text-emerald-900">
        {heading}
      </h3>
      <p className="mt-1 text-sm text-emerald-800">Copy it now and store it somewhere safe: you will not see it again.</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor="new-api-key" className="sr-only">
          {inputLabel}
        </label>
        <input
          id="new-api-key"
          readOnly
          value={secret}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        />
        <Button variant="secondary" onClick={() => void copy()}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
      <p aria-live="polite" className="mt-1 text-xs text-emerald-800">
        {copied === 'failed' ? 'Could not copy automatically; select it and copy it by hand.' : ''}
      </p>
    </section>
  );
}
