import Link from 'next/link';

export interface ChecklistItem {
  label: string;
  done: boolean;
  /** Where to do it; left out once done. */
  href: string;
  hint: string;
}

/** Setup steps ticked from the project's own data: done ones are struck through, the rest link to where they are done. */
export function Checklist({ label, items }: { label: string; items: ChecklistItem[] }) {
  const done = items.filter((item) => item.done).length;
  return (
    <div>
      <p className="mb-3 text-sm text-slate-500">
        {done} of {items.length} done
      </p>
      <ol aria-label={label} className="flex flex-col gap-2">
        {items.map((item) => (
          <li key={item.label} className="flex items-start gap-3 text-sm">
            <span
              aria-hidden
              className={`mt-0.5 inline-flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${item.done ? 'bg-emerald-600 text-white' : 'border border-slate-300 bg-white text-transparent'}`}
            >
              ✓
            </span>
            <span className="min-w-0">
              {item.done ? (
                <span className="text-slate-500 line-through">{item.label}</span>
              ) : (
                <Link href={item.href} className="font-medium text-brand-700 hover:underline">
                  {item.label}
                </Link>
              )}
              <span className="sr-only">{item.done ? ' (done)' : ' (to do)'}</span>
              {item.done ? null : <span className="block text-xs text-slate-500">{item.hint}</span>}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
