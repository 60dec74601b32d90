import Link from 'next/link';

export function Logo({ href = '/', compact = false }: { href?: string; compact?: boolean }) {
  return (
    <Link href={href} className="flex items-center gap-2 text-base font-semibold tracking-tight text-slate-900">
      <span aria-hidden className="grid size-7 place-items-center rounded-md bg-brand-600 text-sm font-bold text-white">
        B
      </span>
      {/* On a phone the mark alone leaves the header room for the team; the name stays for screen readers. */}
      <span className={compact ? 'sr-only sm:not-sr-only' : undefined}>BillStack</span>
    </Link>
  );
}
