const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

/** Dates render the same on the server and in every browser: UTC, one locale. */
export function formatDate(iso: string | Date): string {
  return dateFormat.format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** An exact instant, to the second, in UTC: for logs. */
export function formatTime(iso: string | Date): string {
  return `${(typeof iso === 'string' ? iso : iso.toISOString()).replace('T', ' ').slice(0, 19)} UTC`;
}
