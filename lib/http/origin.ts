import type { NextRequest } from 'next/server';

/**
 * The origin the outside world reaches BillStack at, for links and webhook endpoints: BILLSTACK_URL when
 * set, else what the client asked for (behind `next start` a request's own URL reads `localhost` whatever
 * host was used, so the Host and forwarding headers are the better witness).
 */
export function publicOrigin(req: NextRequest): string {
  if (process.env.BILLSTACK_URL) return process.env.BILLSTACK_URL.replace(/\/$/, '');
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  if (!host || !/^[\w.-]+(:\d+)?$/.test(host)) return req.nextUrl.origin;
  const protocol = req.headers.get('x-forwarded-proto') === 'https' ? 'https' : req.nextUrl.protocol.replace(':', '');
  return `${protocol}://${host}`;
}
