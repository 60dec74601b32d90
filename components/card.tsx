import { useId, type ReactNode } from 'react';

export function Card({ title, description, children }: { title?: string; description?: string; children: ReactNode }) {
  // Named by its title, so assistive technology (and tests) find the card as a region.
  const titleId = useId();
  return (
    <section aria-labelledby={title ? titleId : undefined} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      {title ? (
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
      ) : null}
      {description ? <p className="mt-1 text-sm text-slate-500">{description}</p> : null}
      <div className={title || description ? 'mt-4' : ''}>{children}</div>
    </section>
  );
}
