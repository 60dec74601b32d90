/**
 * Finding 8: portal and webhook URLs were built from the Host and X-Forwarded-Host headers even in production,
 * so a forged header put an attacker's address into a portal link; checkout and portal redirects accepted plain
 * http anywhere. Before the fix the production portal below answered 201 with `https://evil.example/portal/...`,
 * and every http redirect URL here was accepted. A project could not limit its redirects to its own origins:
 * `allowedOrigins` did not exist, and checkout and portal sent customers to any https address.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as checkoutRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/checkout/route';
import * as projectRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/route';
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

    expect(res).toMatchObject({ status: 503, body: { error: 'BILLSTACK_URL must be set when NODE_ENV=production', code: 'service_unavailable' } });
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
      { error: `Invalid body field "successUrl": ${httpsOnly}`, code: 'validation_error', field: 'successUrl' },
      400,
      { error: `Invalid body field "returnUrl": ${httpsOnly}`, code: 'validation_error', field: 'returnUrl' },
    ]);
  });

  it('allows http to localhost outside production only', async () => {
    const development = await createPortal(world, { customerId, returnUrl: 'http://localhost:5173/account' }, keyHeaders);
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('BILLSTACK_URL', 'https://billing.example.com');
    const production = await createPortal(world, { customerId, returnUrl: 'http://localhost:5173/account' }, keyHeaders);

    expect(development.status).toBe(201);
    expect(production).toMatchObject({ status: 400, body: { error: `Invalid body field "returnUrl": ${httpsOnly}`, code: 'validation_error', field: 'returnUrl' } });
  });
});

describe("a project's allowed origins", () => {
  const setOrigins = (allowedOrigins: unknown) =>
    call(projectRoute.PATCH, projectPath(world, ''), { method: 'PATCH', params: projectParams(world), headers: world.owner.headers, body: { allowedOrigins } });
  const checkout = (successUrl: string, cancelUrl: string) =>
    call(checkoutRoute.POST, projectPath(world, '/checkout'), {
      method: 'POST',
      params: projectParams(world),
      headers: keyHeaders,
      body: { customerId, priceId: 'pri_00000000000000000000', successUrl, cancelUrl },
    });
  const notAllowed = (field: string) => ({
    error: `Invalid body field "${field}": must have one of the project's allowed origins (https://app.example.com, https://shop.example.com:8443)`,
    code: 'validation_error',
    field,
  });

  afterEach(async () => {
    await setOrigins([]);
  });

  it('are stored as origins, once each, and refused when they are not https origins or are too many', async () => {
    const set = await setOrigins(['https://App.Example.com/', 'https://app.example.com', 'https://shop.example.com:8443']);
    const withPath = await setOrigins(['https://app.example.com/account']);
    const plainHttp = await setOrigins(['http://app.example.com']);
    const tooMany = await setOrigins(Array.from({ length: 21 }, (_, i) => `https://app${i}.example.com`));

    expect([set.status, set.body.project.allowedOrigins]).toEqual([200, ['https://app.example.com', 'https://shop.example.com:8443']]);
    expect([withPath.status, withPath.body, plainHttp.status, plainHttp.body, tooMany.status]).toEqual([
      400,
      { error: 'Invalid body field "allowedOrigins.0": must be an origin such as https://app.example.com (no path, query or credentials)', code: 'validation_error', field: 'allowedOrigins.0' },
      400,
      { error: `Invalid body field "allowedOrigins.0": ${httpsOnly}`, code: 'validation_error', field: 'allowedOrigins.0' },
      400,
    ]);
  });

  it('bound checkout and portal redirects when listed, naming the field that strays', async () => {
    await setOrigins(['https://app.example.com', 'https://shop.example.com:8443']);

    const [strayingSuccess, strayingCancel, allowedCheckout] = await Promise.all([
      checkout('https://evil.example/welcome', 'https://app.example.com/cancel'),
      checkout('https://shop.example.com:8443/welcome', 'https://shop.example.com/cancel'),
      checkout('https://app.example.com/welcome', 'https://shop.example.com:8443/cancel'),
    ]);
    const [strayingReturn, allowedReturn, noReturn] = await Promise.all([
      createPortal(world, { customerId, returnUrl: 'https://app.example.com.evil.example/account' }, keyHeaders),
      createPortal(world, { customerId, returnUrl: 'https://shop.example.com:8443/account?tab=billing' }, keyHeaders),
      createPortal(world, { customerId }, keyHeaders),
    ]);

    expect([strayingSuccess.status, strayingSuccess.body, strayingCancel.status, strayingCancel.body]).toEqual([
      400,
      notAllowed('successUrl'),
      400,
      notAllowed('cancelUrl'),
    ]);
    // Past the origin check: the made-up price is what stops this one.
    expect([allowedCheckout.status, allowedCheckout.body]).toEqual([404, { error: 'Price not found', code: 'price_not_found' }]);
    expect([strayingReturn.status, strayingReturn.body, allowedReturn.status, noReturn.status]).toEqual([400, notAllowed('returnUrl'), 201, 201]);
  });

  it('lift the restriction when emptied', async () => {
    await setOrigins(['https://app.example.com']);
    const emptied = await setOrigins([]);

    const returned = await createPortal(world, { customerId, returnUrl: 'https://elsewhere.example/account' }, keyHeaders);

    expect([emptied.status, emptied.body.project.allowedOrigins, returned.status]).toEqual([200, [], 201]);
  });
});
