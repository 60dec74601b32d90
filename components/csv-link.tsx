import { buttonClasses } from './button';

/** A download of a list as CSV; `href` carries the list's current filters, so the file holds what the page shows. */
export function CsvLink({ href, label }: { href: string; label: string }) {
  return (
    <a href={href} download className={buttonClasses('secondary', 'py-1')}>
      {label}
    </a>
  );
}
