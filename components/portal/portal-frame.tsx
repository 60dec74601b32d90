import type { ReactNode } from 'react';

/** The end customer's page: the merchant's name, not BillStack's dashboard chrome (they have no account here). */
export function PortalFrame({ merchant, children }: { merchant?: string; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-3xl items-center gap-2 px-4 sm:px-6">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-brand-600 text-sm font-bold text-white">
            {(merchant ?? 'B').charAt(0).toUpperCase()}
          </span>
          <span className="text-base font-semibold tracking-tight text-slate-900">{merchant ?? 'Billing'}</span>
        </div>
      </header>
      <main className="mx-auto max-w-3xl px-4 py-10 sm:px-6">{children}</main>
      <footer className="mx-auto max-w-3xl px-4 pb-10 text-xs text-slate-400 sm:px-6">Billing by BillStack</footer>
    </div>
  );
}
