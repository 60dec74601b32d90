import type { NextRequest } from 'next/server';
import { BadRequest, Forbidden } from './errors';
import { appOrigin } from './origin';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const crossOriginRefused = 'Cross-origin request refused: requests signed in with a session must come from the BillStack app';

/**
 * A browser attaches the session cookie to any site's request, so a state-changing request authenticated by
 * it must prove it came from our own pages: browsers set `Origin` (and `Sec-Fetch-Site`) themselves and no
 * page can forge them. Requiring a JSON content type even for an empty body keeps HTML forms, which cannot
 * send one, out as well. API keys are never sent ambiently, so key requests skip this.
 */
export function assertSameOriginSession(req: NextRequest): void {
  if (!stateChanging.has(req.method)) return;
  const sameOrigin = req.headers.get('sec-fetch-site') === 'same-origin' || req.headers.get('origin') === appOrigin(req);
  if (!sameOrigin) throw new Forbidden(crossOriginRefused, 'cross_origin_refused');
  if (!/^application\/json\b/i.test(req.headers.get('content-type') ?? '')) {
    throw new BadRequest('Content-Type must be application/json', 'invalid_content_type');
  }
}
