'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface TeamNavItem {
  href: string;
  label: string;
  /** Also current on pages below `href` (a project belongs to "Projects"). */
  nested?: boolean;
}

/**
 * The team's tabs under the header: projects and, for those who may change them, the team's settings. On a phone
 * they wrap onto a second row rather than scroll out of sight.
 */
export function TeamNav({ items }: { items: TeamNavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Team" className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap gap-x-1 px-4 sm:flex-nowrap sm:overflow-x-auto sm:px-6">
        {items.map((item) => {
          const current = pathname === item.href || (item.nested === true && pathname.startsWith(`${item.href}/projects/`));
          return (
            <Link
              key={item.href}
              href={item.href}
              aria-current={current ? 'page' : undefined}
              className="border-b-2 border-transparent px-3 py-2.5 text-sm font-medium whitespace-nowrap text-slate-500 hover:text-slate-900 aria-[current=page]:border-brand-600 aria-[current=page]:text-brand-700"
            >
              {item.label}
            </Link>
          );
        })}
      </div>
    </nav>
  );
}
