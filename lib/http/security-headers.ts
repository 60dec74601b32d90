/**
 * The headers every answer carries (ASVS V14.4). Pages get a Content-Security-Policy whose scripts must carry
 * this request's nonce (Next.js puts it on its own scripts when it finds the policy on the request); API
 * answers are data and may load nothing. No page may be framed (clickjacking), and the portal, whose URL
 * holds a bearer token, sends no Referer anywhere.
 */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

interface Answer {
  pathname: string;
  /** Served over https (directly or as the trusted proxy says): only then is HSTS meaningful. */
  https: boolean;
  /** Set for pages; null for API answers. */
  nonce: string | null;
}

export function pagePolicy(nonce: string): string {
  // `next dev` evaluates modules from strings and reloads over a websocket; a production build does neither.
  const development = process.env.NODE_ENV === 'development';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    // React writes style attributes (chart sizes, widths); a nonce cannot cover attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${development ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const apiPolicy = "default-src 'none'; frame-ancestors 'none'";

/** Served over https, directly or as the trusted proxy in front says: only then is HSTS meaningful. */
export function isHttps(req: { nextUrl: URL; headers: Headers }): boolean {
  return req.nextUrl.protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';
}

export function securityHeaders({ pathname, https, nonce }: Answer): Record<string, string> {
  const portal = pathname.startsWith('/portal/') || pathname.startsWith('/api/billstack/portal/');
  return {
    'Content-Security-Policy': nonce ? pagePolicy(nonce) : apiPolicy,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': portal ? 'no-referrer' : 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    ...(https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}
