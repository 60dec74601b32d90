import { z } from 'zod';

/**
 * Text a user sends that we store: trimmed, bounded, and free of what PostgreSQL cannot store (NUL)
 * or would silently alter (unpaired surrogates), so it is refused with a 400 rather than a 500.
 */
export function storableText({ min = 1, max }: { min?: number; max: number }) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((value) => !value.includes('\u0000') && value.isWellFormed(), 'must not contain NUL characters or unpaired surrogates');
}

/** An address a browser is sent to (checkout success/cancel, portal return): only a full web address makes sense. */
export const browserUrl = z
  .string()
  .max(2048)
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.hostname, error: 'must be an absolute http(s) URL' }));
