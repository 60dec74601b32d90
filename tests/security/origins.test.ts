/**
 * Finding 8: portal and webhook URLs were built from the Host and X-Forwarded-Host headers even in production,
 * so a forged header put an attacker's address into a portal link; checkout and portal redirects accepted plain
 * http anywhere. Before the fix the production portal below answered 201 with `https://evil.example/portal/...`,
 * and every http redirect URL here was accepted.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as checkoutRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/checkout/route';
import { call } from '../helpers/http';
import { projectParams, projectPath, createCustomerRow } from '../helpers/catalog';
import { useStripeEmulator } from '../helpers/stripe';
import { buildWorld, issueApiKey, type World } from '../helpers/world';
import { createPortal } from '../portal/fixtures';

useStripeEmulator();
let world: World;
let customerId: string;
let keyHeaders: Record<string, string>;

beforeAll(async () => {
  world = await buildWorld();
  customerId = (await createCustomerRow(world, { name: 'Origin' })).id;
  keyHeaders = (await issueApiKey(world.owner, world.team.id)).headers;
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const forgedHost = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
const httpsOnly = 'must be an https URL (http only for localhost outside production)';

describe('public URLs in production', () => {
  it('refuses to build a portal URL from request headers when BILLSTACK_URL is not set', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('BILLSTACK_URL', undefined);

    const res = await createPortal(world, { customerId }, { ...keyHeaders, ...forgedHost });

    expect(res).toMatchObject({ status: 503, body: { error: 'BILLSTACK_URL must be set when NODE_ENV=production' } });
  });

  it('builds it on BILLSTACK_URL whatever Host the request claims', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('BILLSTACK_URL', 'https://billing.example.com');

    const res = await createPortal(world, { customerId }, { ...keyHeaders, ...forgedHost });

    expect(res.status).toBe(201);
    expect(res.body.portal.url).toMatch(/^https:\/\/billing\.example\.com\/portal\/[^/]+$/);
  });
});

describe('redirect URLs', () => {
  const checkout = (successUrl: string) =>
    call(checkoutRoute.POST, projectPath(world, '/checkout'), {
      method: 'POST',
      params: projectParams(world),
      headers: keyHeaders,
      body: { customerId, priceId: 'pri_00000000000000000000', successUrl, cancelUrl: 'https://app.example.com/cancel' },
    });

  it('refuses plain http to another host for checkout and the portal', async () => {
    const [sent, returned] = await Promise.all([
      checkout('http://app.example.com/welcome'),
      createPortal(world, { customerId, returnUrl: 'http://app.example.com/account' }, keyHeaders),
    ]);

    expect([sent.status, sent.body, returned.status, returned.body]).toEqual([
      400,
      { error: `Invalid body field "successUrl": ${httpsOnly}` },
      400,
      { error: `Invalid body field "returnUrl": ${httpsOnly}` },
    ]);
  });

  it('allows http to localhost outside production only', async () => {
    const development = await createPortal(world, { customerId, returnUrl: 'http://localhost:5173/account' }, keyHeaders);
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('BILLSTACK_URL', 'https://billing.example.com');
    const production = await createPortal(world, { customerId, returnUrl: 'http://localhost:5173/account' }, keyHeaders);

    expect(development.status).toBe(201);
    expect(production).toMatchObject({ status: 400, body: { error: `Invalid body field "returnUrl": ${httpsOnly}` } });
  });
});
