import type { ReactNode, TdHTMLAttributes } from 'react';

/**
 * A bordered table; `label` names it for screen readers, `columns` are its header cells. A table wider than the
 * screen scrolls inside its box, which takes keyboard focus so it can be scrolled without a mouse.
 */
export function DataTable({ label, columns, children }: { label: string; columns: string[]; children: ReactNode }) {
  return (
    <div tabIndex={0} role="region" aria-label={label} className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table aria-label={label} className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="px-4 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-500 uppercase">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Cell({ className = '', ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={`px-4 py-3 align-top text-slate-700 ${className}`} {...props} />;
}

export function Muted({ children }: { children: ReactNode }) {
  return <span className="text-slate-500">{children}</span>;
}
