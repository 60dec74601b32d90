import { useId, type ReactNode, type TdHTMLAttributes } from 'react';

/**
 * A bordered table; `label` names it for screen readers, `columns` are its header cells. On a phone each row is a
 * card: every cell on its own line, captioned with its column's header (globals.css `.stacked-table`; the captions
 * come from `columns` through the rules below, so no page labels its cells twice). Wider than a desktop screen, the
 * table scrolls inside its box, which takes keyboard focus so it can be scrolled without a mouse.
 */
export function DataTable({ label, columns, children }: { label: string; columns: string[]; children: ReactNode }) {
  const id = useId();
  const scope = `[data-table=${JSON.stringify(id)}]`;
  // A column header is our own text, never user input; JSON's quoting is valid CSS string quoting for it.
  const captions = columns
    .map((column, index) => (column ? `${scope} td:nth-child(${index + 1})::before{content:${JSON.stringify(column)}}` : ''))
    .join('');
  return (
    <div tabIndex={0} role="region" aria-label={label} className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <style>{`@media (max-width: 639px){${captions}}`}</style>
      <table aria-label={label} data-table={id} className="stacked-table min-w-full divide-y divide-slate-200 text-sm">
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
