import Link from 'next/link';
import { buttonClasses } from './button';

/**
 * Previous/next links over `?page=`; renders nothing when everything fits on one page. `basePath` may carry the
 * list's filters as a query, which the links keep.
 */
export function Pager({ basePath, page, pageSize, total, noun }: { basePath: string; page: number; pageSize: number; total: number; noun: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  const hrefOf = (target: number) => (target === 1 ? basePath : `${basePath}${basePath.includes('?') ? '&' : '?'}page=${target}`);
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between gap-3 text-sm text-slate-500">
      <p>
        {first > total ? `Page ${page} of ${pages}` : `${first}–${last} of ${total} ${noun}`}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={hrefOf(Math.min(page - 1, pages))} rel="prev" className={buttonClasses('secondary')}>
            Previous
          </Link>
        ) : null}
        {page < pages ? (
          <Link href={hrefOf(page + 1)} rel="next" className={buttonClasses('secondary')}>
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
