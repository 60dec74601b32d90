import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { publicOrigin } from '@/lib/http/origin';

const request = (headers: Record<string, string> = {}) => new NextRequest('http://localhost:3000/api/x', { headers });

describe('publicOrigin', () => {
  afterEach(() => {
    delete process.env.BILLSTACK_URL;
  });

  it('prefers BILLSTACK_URL, without a trailing slash', () => {
    process.env.BILLSTACK_URL = 'https://billing.example.com/';
    expect(publicOrigin(request({ host: 'internal:3000' }))).toBe('https://billing.example.com');
  });

  it('uses the Host header, and the forwarding headers of a proxy', () => {
    expect(publicOrigin(request({ host: '127.0.0.1:4000' }))).toBe('http://127.0.0.1:4000');
    expect(publicOrigin(request({ host: 'app:3000', 'x-forwarded-host': 'pay.example.com', 'x-forwarded-proto': 'https' }))).toBe(
      'https://pay.example.com',
    );
  });

  it('ignores a Host header that is not a host, falling back to the request URL', () => {
    expect(publicOrigin(request({ host: 'evil.com/path?x=' }))).toBe('http://localhost:3000');
  });
});
