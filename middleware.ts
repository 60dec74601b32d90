import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';
import { apiKeyOf, authenticationRequired, keyRefusedOnTeamEndpoint, sessionRequired } from '@/lib/auth/credentials';
import { ApiError, BadRequest, Unauthorized } from '@/lib/http/errors';
import { isMalformedPath } from '@/lib/http/path';
import { errorResponse } from '@/lib/http/respond';
import { requestIdOf } from '@/lib/http/route';
import { isHttps, newNonce, securityHeaders } from '@/lib/http/security-headers';
import { apiVersion, apiVersionHeader } from '@/lib/http/version';

const projectApi = /^\/api\/billstack\/teams\/[^/]+\/projects\/[^/]+(\/|$)/;
const teamApi = /^\/api\/billstack\/teams(\/|$)/;

/**
 * A cheap first gate with no database: refuses requests that carry no credentials or a malformed key,
 * sends signed-out visitors of the dashboard to sign-in, and tags every request with an id. The real
 * check of the key or session happens once, in the route wrapper.
 */
function gate(req: NextRequest): Response | null {
  const { pathname } = req.nextUrl;
  if (pathname.startsWith('/api/') && isMalformedPath(pathname)) {
    return errorResponse(new BadRequest('Malformed path: a segment is not valid percent-encoded UTF-8 or holds a control character'));
  }
  const hasSession = getSessionCookie(req) !== null;
  if (pathname.startsWith('/teams')) {
    return hasSession ? null : NextResponse.redirect(new URL('/sign-in', req.url));
  }
  if (projectApi.test(pathname)) {
    return apiKeyOf(req) !== null || hasSession ? null : errorResponse(new Unauthorized(authenticationRequired));
  }
  if (teamApi.test(pathname)) {
    if (req.headers.has('authorization')) return errorResponse(keyRefusedOnTeamEndpoint());
    return hasSession ? null : errorResponse(new Unauthorized(sessionRequired));
  }
  return null;
}

export function middleware(req: NextRequest) {
  const requestId = requestIdOf(req.headers);
  const { pathname } = req.nextUrl;
  const nonce = pathname.startsWith('/api/') ? null : newNonce();
  const security = securityHeaders({ pathname, https: isHttps(req), nonce });
  const forwarded = new Headers(req.headers);
  forwarded.set('x-request-id', requestId);
  if (nonce) {
    // Next.js reads the policy from the request to put the nonce on the scripts it renders; the layout reads x-nonce.
    forwarded.set('x-nonce', nonce);
    forwarded.set('content-security-policy', security['Content-Security-Policy']);
  }
  let response: Response;
  try {
    response = gate(req) ?? NextResponse.next({ request: { headers: forwarded } });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    response = errorResponse(error);
  }
  response.headers.set('x-request-id', requestId);
  // The route wrapper sets it too; here it also reaches the answers this gate gives itself.
  if (pathname.startsWith('/api/billstack')) response.headers.set(apiVersionHeader, apiVersion);
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

export const config = {
  runtime: 'nodejs',
  // Every page and API answer gets the security headers; only build assets are left alone, and Stripe's
  // deliveries (the intake, and its earlier URL with a well-formed team id): none of the gates applies to them
  // (Stripe signs; there is no session or key), the route wrapper sets the same headers, and the middleware would
  // be about a quarter of the intake's cost. Any other path there (a malformed percent-encoding, which Next itself
  // fails on with a 500) still gets the middleware's 400.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/billstack/webhooks/stripe(?:/[A-Za-z0-9_]+)?$).*)'],
};
