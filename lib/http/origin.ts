import type { NextRequest } from 'next/server';
import { ServiceUnavailable } from './errors';

const production = () => process.env.NODE_ENV === 'production';

/**
 * The origin the client asked for. Behind `next start` a request's own URL reads `localhost` whatever host
 * was used, so the Host and forwarding headers are the better witness; they are the client's word, which is
 * why production never builds a URL from them.
 */
function requestOrigin(req: NextRequest): string {
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  if (!host || !/^[\w.-]+(:\d+)?$/.test(host)) return req.nextUrl.origin;
  const protocol = req.headers.get('x-forwarded-proto') === 'https' ? 'https' : req.nextUrl.protocol.replace(':', '');
  return `${protocol}://${host}`;
}

/**
 * The origin the outside world reaches BillStack at, for links and webhook endpoints: BILLSTACK_URL, which
 * production requires (a forged Host would otherwise put an attacker's address into a portal link or a
 * Stripe webhook endpoint); in development, what the client asked for.
 */
export function publicOrigin(req: NextRequest): string {
  if (process.env.BILLSTACK_URL) return process.env.BILLSTACK_URL.replace(/\/$/, '');
  if (production()) throw new ServiceUnavailable('BILLSTACK_URL must be set when NODE_ENV=production');
  return requestOrigin(req);
}

/** The origin browsers use for the dashboard: the one better-auth's own origin check trusts too. */
export function appOrigin(req: NextRequest): string {
  const configured = process.env.BETTER_AUTH_URL ?? process.env.BILLSTACK_URL;
  if (configured) return new URL(configured).origin;
  if (production()) throw new ServiceUnavailable('BILLSTACK_URL must be set when NODE_ENV=production');
  return requestOrigin(req);
}
