'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface SideNavItem {
  href: string;
  label: string;
  /** Current only on this exact path (an overview whose path starts every other one); otherwise its subpages count too. */
  exact?: boolean;
}

export function SideNav({ label, items }: { label: string; items: SideNavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="flex flex-col gap-0.5">
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={pathname === item.href || (!item.exact && pathname.startsWith(`${item.href}/`)) ? 'page' : undefined}
          className="rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700"
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
