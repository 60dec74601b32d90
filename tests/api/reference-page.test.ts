// The reference page's HTML and script, as the server sends them (tests/e2e/api-reference.test.ts renders it).
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { GET as page } from '@/app/docs/api/route';
import { GET as script } from '@/app/docs/api/scalar.js/route';

describe('/docs/api', () => {
  it("loads Scalar from this app with the request's nonce, the document from the API, and nothing from a CDN", async () => {
    const res = page(new NextRequest('http://localhost:3000/docs/api', { headers: { 'x-nonce': 'bm9uY2U=' } }));
    const html = await res.text();

    expect(res.headers.get('content-type')).toBe('text/html');
    expect(html).toContain('<script src="/docs/api/scalar.js" nonce="bm9uY2U="></script>');
    expect(html).toContain('"url": "/api/billstack/openapi.json"');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("serves Scalar's browser bundle from the installed package, cacheable", async () => {
    const res = await script();
    const body = await res.text();

    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(body).toContain('createApiReference');
    expect(body.length).toBeGreaterThan(1_000_000);
  });
});
