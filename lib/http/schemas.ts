import { z } from 'zod';

const storable = (value: string) => !value.includes('\u0000') && value.isWellFormed();
const unstorable = 'must not contain NUL characters or unpaired surrogates';

/**
 * Text a user sends that we store: trimmed, bounded, and free of what PostgreSQL cannot store (NUL)
 * or would silently alter (unpaired surrogates), so it is refused with a 400 rather than a 500.
 */
export function storableText({ min = 1, max }: { min?: number; max: number }) {
  return z.string().trim().min(min).max(max).refine(storable, unstorable);
}

/** An id or code the caller names, looked up as sent: bounded, and text PostgreSQL can compare (a NUL is a 400, not a 500). */
export function reference(max = 100) {
  return z.string().max(max).refine(storable, unstorable);
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Plain http would hand a customer coming back from Stripe (with a session id in the URL) to anyone on the
 * network: only a developer's own machine outside production, or BillStack's own configured address (a
 * deployment that serves itself over http), may use it.
 */
function isSafeRedirect(value: string): boolean {
  // Not a URL at all: the URL check before this one already says so.
  if (!URL.canParse(value)) return true;
  const url = new URL(value);
  if (url.protocol === 'https:') return true;
  if (loopbackHosts.has(url.hostname) && process.env.NODE_ENV !== 'production') return true;
  return process.env.BILLSTACK_URL !== undefined && url.origin === new URL(process.env.BILLSTACK_URL).origin;
}

/** An address a browser is sent to (checkout success/cancel, portal return): only a full web address makes sense. */
export const browserUrl = z
  .string()
  .max(2048)
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.hostname, error: 'must be an absolute http(s) URL' }))
  .refine(isSafeRedirect, 'must be an https URL (http only for localhost outside production)');

/**
 * Where a project's redirects may go: the scheme, host and port of a browserUrl and nothing else, stored as
 * the URL standard writes an origin (lower case, no default port, no trailing slash) so that it compares
 * exactly with `new URL(redirect).origin`.
 */
export const browserOrigin = browserUrl
  .refine((value) => {
    // zod still runs this check after the URL check failed: that one already says what is wrong.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
  }, 'must be an origin such as https://app.example.com (no path, query or credentials)')
  .transform((value) => new URL(value).origin);
