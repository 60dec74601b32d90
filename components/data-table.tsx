import Link from 'next/link';
import { useId, type ReactNode, type TdHTMLAttributes } from 'react';

/** A header cell's text; a sortable one also names the order its link asks for first (`-created`: newest first). */
export type Column = string | { label: string; sort: string };

/** The list's current order (`field` or `-field`, as the API's `sort`) and the list's URL for another order. */
export interface TableSort {
  current: string;
  href: (order: string) => string;
}

/**
 * A bordered table; `label` names it for screen readers, `columns` are its header cells. On a phone each row is a
 * card: every cell on its own line, captioned with its column's header (globals.css `.stacked-table`; the captions
 * come from `columns` through the rules below, so no page labels its cells twice). Wider than a desktop screen, the
 * table scrolls inside its box, which takes keyboard focus so it can be scrolled without a mouse. Given `sort`, the
 * sortable columns' headers are links to the list in their order (the reverse when it is already theirs).
 */
export function DataTable({ label, columns, sort, children }: { label: string; columns: Column[]; sort?: TableSort; children: ReactNode }) {
  const id = useId();
  const scope = `[data-table=${JSON.stringify(id)}]`;
  const labels = columns.map((column) => (typeof column === 'string' ? column : column.label));
  // A column header is our own text, never user input; JSON's quoting is valid CSS string quoting for it.
  const captions = labels
    .map((column, index) => (column ? `${scope} td:nth-child(${index + 1})::before{content:${JSON.stringify(column)}}` : ''))
    .join('');
  return (
    <div tabIndex={0} role="region" aria-label={label} className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <style>{`@media (max-width: 639px){${captions}}`}</style>
      <table aria-label={label} data-table={id} className="stacked-table min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            {columns.map((column, index) =>
              typeof column === 'string' || !sort ? (
                <th key={labels[index]} scope="col" className={headerClasses}>
                  {labels[index]}
                </th>
              ) : (
                <SortableHeader key={column.label} label={column.label} first={column.sort} sort={sort} />
              ),
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

const headerClasses = 'px-4 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-500 uppercase';

function SortableHeader({ label, first, sort }: { label: string; first: string; sort: TableSort }) {
  const field = first.replace(/^-/, '');
  const descending = sort.current.startsWith('-');
  const active = sort.current.replace(/^-/, '') === field;
  const next = active ? (descending ? field : `-${field}`) : first;
  return (
    <th scope="col" aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined} className={headerClasses}>
      <Link href={sort.href(next)} className="inline-flex items-center gap-1 rounded-sm uppercase hover:text-slate-900">
        {label}
        <span aria-hidden="true" className={active ? 'text-slate-900' : 'text-slate-500'}>
          {active ? (descending ? '↓' : '↑') : '↕'}
        </span>
      </Link>
    </th>
  );
}

export function Cell({ className = '', ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={`px-4 py-3 align-top text-slate-700 ${className}`} {...props} />;
}

export function Muted({ children }: { children: ReactNode }) {
  return <span className="text-slate-500">{children}</span>;
}
