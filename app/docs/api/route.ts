import { ApiReference } from '@scalar/nextjs-api-reference';
import type { NextRequest } from 'next/server';

export const dynamic = 'force-dynamic';

/**
 * The API reference, rendered in the browser by Scalar from GET /api/billstack/openapi.json. Its script is served
 * by this app (./scalar.js) rather than a CDN, with the page policy's nonce (middleware.ts) on each script tag;
 * Scalar's web fonts are off, as the policy allows fonts from this origin only.
 */
export function GET(req: NextRequest) {
  const reference = ApiReference({
    url: '/api/billstack/openapi.json',
    pageTitle: 'BillStack API reference',
    cdn: '/docs/api/scalar.js',
    nonce: req.headers.get('x-nonce') ?? undefined,
    withDefaultFonts: false,
    // Scalar's hosted extras (AI chat, MCP, its developer toolbar, its API client) would call scalar.com.
    agent: { disabled: true },
    mcp: { disabled: true },
    showDeveloperTools: 'never',
    hideClientButton: true,
    telemetry: false,
    documentDownloadType: 'json',
  });
  return reference();
}
