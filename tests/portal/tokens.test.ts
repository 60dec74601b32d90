import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Executor } from '@/db/client';
import { portalTokens } from '@/db/schema';
import * as customerRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/route';
import * as revokeRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/portal/[token]/route';
import { newId } from '@/lib/http/ids';
import { openPortal } from '@/lib/portal/service';
import { readPortalToken, signPortalToken } from '@/lib/portal/token';
import { call } from '../helpers/http';
import { createCustomerRow, projectParams, projectPath } from '../helpers/catalog';
import { useStripeEmulator } from '../helpers/stripe';
import { buildWorld, issueApiKey, type World } from '../helpers/world';
import { createPortal, issuePortal, portalApi } from './fixtures';

useStripeEmulator();
let world: World;
let customer: Awaited<ReturnType<typeof createCustomerRow>>;

beforeAll(async () => {
  world = await buildWorld();
  customer = await createCustomerRow(world, { name: 'Jane Customer' });
});

type Ref = Pick<World, 'owner' | 'team' | 'project'>;
const revoke = (token: string, ref: Ref = world) =>
  call(revokeRoute.DELETE, projectPath(ref, `/portal/${token}`), {
    method: 'DELETE',
    params: projectParams(ref, { token }),
    headers: ref.owner.headers,
  });
const rowOf = async (token: string) => {
  const db = await getDb();
  const hash = createHash('sha256').update(token).digest('hex');
  const [row] = await db.select().from(portalTokens).where(eq(portalTokens.tokenHash, hash));
  return row;
};
const setExpiry = async (token: string, expiresAt: Date) => {
  const db = await getDb();
  await db.update(portalTokens).set({ expiresAt }).where(eq(portalTokens.id, (await rowOf(token)).id));
};
/** Stands in for the database where a check must not read it: any use fails the test. */
const untouchableDb = new Proxy({} as Executor, {
  get: (_, property) => {
    throw new Error(`the database was used (${String(property)})`);
  },
});
/** The same token with one character of its payload or signature changed. */
const tampered = (token: string, part: 'payload' | 'signature') => {
  const [payload, signature] = token.slice('bspt_'.length).split('.');
  const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
  return part === 'payload' ? `bspt_${flip(payload, 10)}.${signature}` : `bspt_${payload}.${flip(signature, 5)}`;
};

describe('creating a portal token', () => {
  it('answers a signed token, its hosted page on the request origin and its expiry (an hour by default)', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await createPortal(world, { customerId: customer.id });
    expect(res.status).toBe(201);
    const { token, url, expiresAt } = res.body.portal;
    expect(res.body).toEqual({ portal: { token, url, expiresAt } });
    expect(token).toMatch(/^bspt_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(url).toBe(`http://localhost:3000/portal/${token}`);
    const expiry = new Date(expiresAt).getTime() / 1000;
    expect(expiry).toBeGreaterThanOrEqual(before + 3600);
    expect(expiry).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 3600);
    expect(readPortalToken(token)).toEqual({ id: expect.stringMatching(/^ptok_[0-9A-Za-z]{20}$/), expiresAt: new Date(expiresAt) });
  });

  it('builds the link on BILLSTACK_URL when it is set', async () => {
    process.env.BILLSTACK_URL = 'https://billing.example.com';
    try {
      const { token, url } = await issuePortal(world, { customerId: customer.id });
      expect(url).toBe(`https://billing.example.com/portal/${token}`);
    } finally {
      delete process.env.BILLSTACK_URL;
    }
  });

  it('stores only the SHA-256 of the token, with the customer, return URL and expiry', async () => {
    const { token, expiresAt } = await issuePortal(world, { customerId: customer.id, returnUrl: 'https://app.example.com/account', expiresIn: 600 });
    const row = await rowOf(token);
    expect(row).toEqual({
      id: readPortalToken(token)!.id,
      teamId: world.team.id,
      projectId: world.project.id,
      customerId: customer.id,
      tokenHash: createHash('sha256').update(token).digest('hex'),
      returnUrl: 'https://app.example.com/account',
      expiresAt: new Date(expiresAt),
      revokedAt: null,
      createdAt: expect.any(Date),
    });
    const [payload, signature] = token.slice('bspt_'.length).split('.');
    const stored = JSON.stringify(row);
    for (const secret of [token, payload, signature]) expect(stored).not.toContain(secret);
  });

  it('takes expiresIn from 60 seconds to 7 days', async () => {
    for (const expiresIn of [60, 604_800]) {
      const res = await createPortal(world, { customerId: customer.id, expiresIn });
      expect(res.status).toBe(201);
      expect(readPortalToken(res.body.portal.token)!.expiresAt.getTime()).toBe(new Date(res.body.portal.expiresAt).getTime());
    }
  });

  it.each([
    [{ expiresIn: 59 }, 'Invalid body field "expiresIn": Too small: expected number to be >=60'],
    [{ expiresIn: 604_801 }, 'Invalid body field "expiresIn": Too big: expected number to be <=604800'],
    [{ expiresIn: 90.5 }, 'Invalid body field "expiresIn": Invalid input: expected int, received number'],
    [{ returnUrl: '/account' }, 'Invalid body field "returnUrl": must be an absolute http(s) URL'],
    [{ returnUrl: 'javascript:alert(1)' }, 'Invalid body field "returnUrl": must be an absolute http(s) URL'],
    [{ returnUrl: 'ftp://files.example.com/' }, 'Invalid body field "returnUrl": must be an absolute http(s) URL'],
    [{ theme: 'dark' }, 'Unknown field "theme" in body'],
  ])('refuses %j with 400', async (extra, error) => {
    const res = await createPortal(world, { customerId: customer.id, ...extra });
    expect(res).toMatchObject({ status: 400, body: { error } });
  });

  it('refuses a missing customerId with 400', async () => {
    expect(await createPortal(world, {})).toMatchObject({ status: 400, body: { error: 'Invalid body field "customerId": Invalid input: expected string, received undefined', code: 'validation_error', field: 'customerId' } });
  });

  it("answers 404 for another project's customer, an unknown id and a malformed one", async () => {
    const sibling = await createCustomerRow({ ...world, project: world.siblingProject });
    for (const customerId of [sibling.id, 'pc_doesNotExist', 'not an id']) {
      expect(await createPortal(world, { customerId })).toMatchObject({ status: 404, body: { error: 'Customer not found', code: 'customer_not_found' } });
    }
  });

  it('works with an API key that has portal:write', async () => {
    const key = await issueApiKey(world.owner, world.team.id, { projectIds: [world.project.id], scopes: ['portal:write'] });
    expect((await createPortal(world, { customerId: customer.id }, key.headers)).status).toBe(201);
  });
});

describe('opening the portal with a token', () => {
  it("answers the customer, the return URL and the expiry, without any other credential", async () => {
    const portal = await issuePortal(world, { customerId: customer.id, returnUrl: 'https://app.example.com/' });
    expect(await portalApi.get(portal.token)).toMatchObject({
      status: 200,
      body: { customer: { id: customer.id, email: customer.email, name: 'Jane Customer' }, returnUrl: 'https://app.example.com/', expiresAt: portal.expiresAt },
    });
    expect(Object.keys((await portalApi.get(portal.token)).body.customer)).toEqual(['id', 'email', 'name']);
  });

  it('answers null for a token without a return URL', async () => {
    const { token } = await issuePortal(world, { customerId: customer.id });
    expect((await portalApi.get(token)).body.returnUrl).toBeNull();
  });

  it('refuses a token once its expiry has passed, as the database row says', async () => {
    const { token } = await issuePortal(world, { customerId: customer.id, expiresIn: 60 });
    expect((await portalApi.get(token)).status).toBe(200);
    await setExpiry(token, new Date(Date.now() - 1000));
    expect(await portalApi.get(token)).toEqual(expect.objectContaining({ status: 401, body: { error: 'Portal token has expired', code: 'portal_token_expired' } }));
  });

  it('refuses a token whose signed expiry has passed, without reading the database', async () => {
    const { token } = await issuePortal(world, { customerId: customer.id });
    const lapsed = signPortalToken({ id: readPortalToken(token)!.id, expiresAt: new Date(Date.now() - 1000) });
    expect(await openPortal(untouchableDb, lapsed)).toEqual({ valid: false, code: 'EXPIRED' });
    expect(await portalApi.get(lapsed)).toMatchObject({ status: 401, body: { error: 'Portal token has expired', code: 'portal_token_expired' } });
  });

  it('refuses a revoked token on the next request, and revoking again changes nothing', async () => {
    const { token } = await issuePortal(world, { customerId: customer.id });
    expect((await portalApi.get(token)).status).toBe(200);
    expect(await revoke(token)).toMatchObject({ status: 200, body: { token, revoked: true } });
    expect(await portalApi.get(token)).toMatchObject({ status: 401, body: { error: 'Portal token has been revoked', code: 'portal_token_revoked' } });
    const { revokedAt } = await rowOf(token);
    expect(revokedAt).toBeInstanceOf(Date);
    expect(await revoke(token)).toMatchObject({ status: 200, body: { token, revoked: true } });
    expect((await rowOf(token)).revokedAt).toEqual(revokedAt);
  });

  it('refuses forged and altered tokens without reading the database', async () => {
    const { token } = await issuePortal(world, { customerId: customer.id });
    const forgeries = [
      tampered(token, 'payload'),
      tampered(token, 'signature'),
      token.slice(0, -1),
      `${token}A`,
      token.replace('bspt_', 'bspx_'),
      'bspt_.',
      'not-a-token',
    ];
    for (const forged of forgeries) {
      expect(await openPortal(untouchableDb, forged)).toEqual({ valid: false, code: 'INVALID' });
      expect(await portalApi.get(forged)).toMatchObject({ status: 401, body: { error: 'Invalid portal token', code: 'invalid_portal_token' } });
    }
  });

  it('refuses a token signed with another server secret', async () => {
    const { token } = await issuePortal(world, { customerId: customer.id });
    const claims = readPortalToken(token)!;
    const secret = process.env.BETTER_AUTH_SECRET;
    process.env.BETTER_AUTH_SECRET = 'another-deployment-secret-another-deployment';
    let foreign: string;
    try {
      foreign = signPortalToken(claims);
    } finally {
      process.env.BETTER_AUTH_SECRET = secret;
    }
    expect(foreign).not.toBe(token);
    expect(await portalApi.get(foreign)).toMatchObject({ status: 401, body: { error: 'Invalid portal token', code: 'invalid_portal_token' } });
  });

  it('refuses a well-signed token that was never issued', async () => {
    const unissued = signPortalToken({ id: newId('portalToken'), expiresAt: new Date(Date.now() + 60_000) });
    expect(await portalApi.get(unissued)).toMatchObject({ status: 401, body: { error: 'Invalid portal token', code: 'invalid_portal_token' } });
  });

  it('stops working once its customer is deleted', async () => {
    const doomed = await createCustomerRow(world);
    const { token } = await issuePortal(world, { customerId: doomed.id });
    const deleted = await call(customerRoute.DELETE, projectPath(world, `/customers/${doomed.id}`), {
      method: 'DELETE',
      params: projectParams(world, { customerId: doomed.id }),
      headers: world.owner.headers,
    });
    expect(deleted.status).toBe(200);
    expect(await portalApi.get(token)).toMatchObject({ status: 401, body: { error: 'Invalid portal token', code: 'invalid_portal_token' } });
  });
});

describe('revoking a portal token', () => {
  it("answers 404 for a token of another project or team, which keeps working", async () => {
    const { token } = await issuePortal(world, { customerId: customer.id });
    const otherTeam = { owner: world.otherOwner, team: world.otherTeam, project: world.otherProject };
    expect(await revoke(token, { ...world, project: world.siblingProject })).toMatchObject({ status: 404, body: { error: 'Portal token not found', code: 'portal_token_not_found' } });
    expect(await revoke(token, otherTeam)).toMatchObject({ status: 404, body: { error: 'Portal token not found', code: 'portal_token_not_found' } });
    expect((await portalApi.get(token)).status).toBe(200);
  });

  it('answers 404 for a forged or malformed token', async () => {
    const { token } = await issuePortal(world, { customerId: customer.id });
    for (const forged of [tampered(token, 'signature'), 'bspt_nothing']) {
      expect(await revoke(forged)).toMatchObject({ status: 404, body: { error: 'Portal token not found', code: 'portal_token_not_found' } });
    }
    expect((await portalApi.get(token)).status).toBe(200);
  });

  it('revokes an expired token too, so it reads as revoked', async () => {
    const { token } = await issuePortal(world, { customerId: customer.id });
    await setExpiry(token, new Date(Date.now() - 1000));
    expect((await revoke(token)).status).toBe(200);
    expect(await portalApi.get(token)).toMatchObject({ status: 401, body: { error: 'Portal token has been revoked', code: 'portal_token_revoked' } });
  });
});
