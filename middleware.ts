import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';
import { apiKeyOf, authenticationRequired, keyOnTeamEndpoint, sessionRequired } from '@/lib/auth/credentials';
import { ApiError } from '@/lib/http/errors';
import { errorResponse } from '@/lib/http/respond';
import { requestIdOf } from '@/lib/http/route';

const projectApi = /^\/api\/billstack\/teams\/[^/]+\/projects\/[^/]+(\/|$)/;
const teamApi = /^\/api\/billstack\/teams(\/|$)/;

/**
 * A cheap first gate with no database: refuses requests that carry no credentials or a malformed key,
 * sends signed-out visitors of the dashboard to sign-in, and tags every request with an id. The real
 * check of the key or session happens once, in the route wrapper.
 */
function gate(req: NextRequest): Response | null {
  const { pathname } = req.nextUrl;
  const hasSession = getSessionCookie(req) !== null;
  if (pathname.startsWith('/teams')) {
    return hasSession ? null : NextResponse.redirect(new URL('/sign-in', req.url));
  }
  if (projectApi.test(pathname)) {
    return apiKeyOf(req) !== null || hasSession ? null : errorResponse(401, authenticationRequired);
  }
  if (teamApi.test(pathname)) {
    if (req.headers.has('authorization')) return errorResponse(401, keyOnTeamEndpoint);
    return hasSession ? null : errorResponse(401, sessionRequired);
  }
  return null;
}

export function middleware(req: NextRequest) {
  const requestId = requestIdOf(req.headers);
  let response: Response;
  try {
    response = gate(req) ?? NextResponse.next({ request: { headers: withRequestId(req.headers, requestId) } });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    response = errorResponse(error.status, error.message);
  }
  response.headers.set('x-request-id', requestId);
  return response;
}

function withRequestId(headers: Headers, requestId: string): Headers {
  const forwarded = new Headers(headers);
  forwarded.set('x-request-id', requestId);
  return forwarded;
}

export const config = {
  runtime: 'nodejs',
  matcher: ['/api/billstack/:path*', '/teams/:path*', '/teams'],
};
