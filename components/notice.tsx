import type { ReactNode } from 'react';

/** A short, non-error note, e.g. why a setting is not available to this user. */
export function Notice({ children }: { children: ReactNode }) {
  return <p className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-600">{children}</p>;
}
