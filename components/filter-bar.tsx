import Link from 'next/link';
import type { ReactNode } from 'react';
import { Button, buttonClasses } from './button';

/**
 * A list's filters as a plain GET form: they live in the URL (shareable, back button works) and apply without
 * JavaScript; Clear goes back to the unfiltered list. Give it a `key` from the current filters, so that a client-side
 * navigation (Clear, back) shows them rather than what was last typed. `sort`, the list's order when it is not the
 * default, is kept by Apply (Clear's link keeps it too).
 */
export function FilterBar({
  label,
  clearHref,
  active,
  sort,
  children,
}: {
  label: string;
  clearHref: string;
  active: boolean;
  sort?: string;
  children: ReactNode;
}) {
  return (
    <form method="get" role="search" aria-label={label} className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {children}
      {sort ? <input type="hidden" name="sort" value={sort} /> : null}
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {active ? (
          <Link href={clearHref} className={buttonClasses('ghost')}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
