/**
 * Finding 9: pages and API answers carried no security headers: no Content-Security-Policy, nothing against
 * framing, MIME sniffing or Referer leaks (the portal's URL holds its token), and the middleware ran on the API
 * and dashboard only. Before the fix every header asserted here was missing.
 */
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import * as webhookRoute from '@/app/api/billstack/webhooks/stripe/route';
import { webhookUrl } from '@/lib/stripe/connection';
import { config, middleware } from '@/middleware';
import { call } from '../helpers/http';
import { deliver } from '../helpers/stripe-events';

const run = (url: string, headers: Record<string, string> = {}) => middleware(new NextRequest(url, { headers }));

const common = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

function securityOf(res: { headers: Headers }) {
  const names = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'permissions-policy', 'strict-transport-security'];
  return Object.fromEntries(names.map((name) => [name, res.headers.get(name)]));
}

const nonceIn = (policy: string | null) => policy?.match(/'nonce-([A-Za-z0-9+/=]+)'/)?.[1];

describe('security headers', () => {
  it('gives a page a nonce-based CSP that forbids framing, and hands the same nonce to Next.js', () => {
    const res = run('http://localhost:3000/sign-in');
    const policy = res.headers.get('content-security-policy');
    const nonce = nonceIn(policy);

    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(securityOf(res)).toEqual({
      ...common,
      'content-security-policy': [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' blob: data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
      'referrer-policy': 'strict-origin-when-cross-origin',
      'strict-transport-security': null,
    });
    // The request Next renders carries the policy and nonce, so it can put the nonce on its own scripts.
    expect(res.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
    expect(res.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
  });

  it('uses a fresh nonce for every page view', () => {
    const nonces = new Set([1, 2, 3].map(() => nonceIn(run('http://localhost:3000/').headers.get('content-security-policy'))));
    expect(nonces.size).toBe(3);
  });

  it('lets API answers load nothing, including refusals made in the middleware', () => {
    const passed = run('http://localhost:3000/api/billstack/health');
    const refused = run('http://localhost:3000/api/billstack/teams');

    for (const res of [passed, refused]) {
      expect(securityOf(res)).toEqual({
        ...common,
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'referrer-policy': 'strict-origin-when-cross-origin',
        'strict-transport-security': null,
      });
    }
    expect(refused.status).toBe(401);
  });

  it('sends no Referer from the portal, whose URL holds a bearer token', () => {
    expect(run('http://localhost:3000/portal/pt_secret').headers.get('referrer-policy')).toBe('no-referrer');
    expect(run('http://localhost:3000/api/billstack/portal/pt_secret/subscriptions').headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('adds HSTS when served over https, directly or behind a proxy', () => {
    const hsts = 'max-age=63072000; includeSubDomains';
    expect(run('https://billing.example.com/teams').headers.get('strict-transport-security')).toBe(hsts);
    expect(run('http://localhost:3000/api/billstack/health', { 'x-forwarded-proto': 'https' }).headers.get('strict-transport-security')).toBe(hsts);
  });

  it("runs on every page and API path, leaving out only build assets and Stripe's deliveries", () => {
    const matcher = new RegExp(`^${config.matcher[0].replace('/((?!', '/(?!').replace(').*)', ').*')}$`);
    expect(
      [
        '/',
        '/sign-in',
        '/portal/x',
        '/teams/t',
        '/api/auth/get-session',
        '/api/billstack/health',
        '/api/billstack/webhooks/stripe/%FF%FE',
        '/api/billstack/webhooks/stripe/team_x/more',
      ].every((path) => matcher.test(path)),
    ).toBe(true);
    expect(
      ['/_next/static/chunks/a.js', '/_next/image', '/favicon.ico', '/api/billstack/webhooks/stripe', '/api/billstack/webhooks/stripe/team_x'].some((path) =>
        matcher.test(path),
      ),
    ).toBe(false);
  });

  it("gives the Stripe intake's answers, which the middleware does not see, the same headers from the route wrapper", async () => {
    const refused = await deliver('team_000000000000', '{}', null);
    const overHttps = await call(webhookRoute.POST, webhookUrl('', 'team_000000000000'), {
      method: 'POST',
      rawBody: '{}',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-request-id': 'stripe-retry-7' },
    });

    for (const res of [refused, overHttps]) {
      expect(res.status).toBe(400);
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
    expect(securityOf(refused)).toEqual({
      ...common,
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'referrer-policy': 'strict-origin-when-cross-origin',
      'strict-transport-security': null,
    });
    expect(overHttps.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(overHttps.headers.get('x-request-id')).toBe('stripe-retry-7');
  });
});
