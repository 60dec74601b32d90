'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useId, useState } from 'react';

export interface SideNavItem {
  href: string;
  label: string;
  /** Current only on this exact path (an overview whose path starts every other one); otherwise its subpages count too. */
  exact?: boolean;
}

/**
 * The section's links down the side; on a phone they fold behind a button naming the current page, so the page
 * itself starts at the top of the screen. Following a link folds them again.
 */
export function SideNav({ label, items }: { label: string; items: SideNavItem[] }) {
  const pathname = usePathname();
  const navId = useId();
  const [openAt, setOpenAt] = useState<string | null>(null);
  // Open only on the page where it was opened: a navigation closes it without an effect.
  const open = openAt === pathname;
  const isCurrent = (item: SideNavItem) => pathname === item.href || (!item.exact && pathname.startsWith(`${item.href}/`));
  const current = items.find(isCurrent);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={navId}
        onClick={() => setOpenAt(open ? null : pathname)}
        className="flex w-full items-center justify-between rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm md:hidden"
      >
        <span>
          {label} menu{current ? <span className="text-slate-500"> · {current.label}</span> : null}
        </span>
        <span aria-hidden>{open ? '▴' : '▾'}</span>
      </button>
      <nav id={navId} aria-label={label} className={`${open ? 'mt-2 flex' : 'hidden'} flex-col gap-0.5 md:mt-0 md:flex`}>
        {items.map((item) => (
          <Link
            key={item.href}
            href={item.href}
            aria-current={isCurrent(item) ? 'page' : undefined}
            className="rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700"
          >
            {item.label}
          </Link>
        ))}
      </nav>
    </>
  );
}
