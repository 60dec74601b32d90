import { isIP } from 'node:net';

/** BILLSTACK_TRUSTED_PROXIES: the comma-separated addresses of the proxies in front of BillStack. */
function trustedProxies(): Set<string> {
  return new Set((process.env.BILLSTACK_TRUSTED_PROXIES ?? '').split(',').map((entry) => entry.trim()).filter(Boolean));
}

/**
 * The address of the client a request came from, for rate limits and the audit log.
 *
 * Next.js writes the socket's peer into X-Forwarded-For only when the request carries none, so the last entry
 * of that header is the peer when nothing sits in front, and what the nearest proxy saw when one does. Entries
 * further left are the client's own claims: they are walked only through proxies named in
 * BILLSTACK_TRUSTED_PROXIES, from the right, and the first address not among them is the client.
 * A client connecting straight to Next.js can send a header of its own, which Next keeps: production should
 * sit behind a proxy that appends the peer it sees (nginx's `$proxy_add_x_forwarded_for`).
 */
export function clientIp(req: Request): string {
  const chain = (req.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => isIP(entry) !== 0);
  const trusted = trustedProxies();
  let index = chain.length - 1;
  while (index > 0 && trusted.has(chain[index])) index -= 1;
  return chain[index] ?? 'unknown';
}
