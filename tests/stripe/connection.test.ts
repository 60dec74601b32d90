import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { stripeConnections } from '@/db/schema';
import { stripeClient } from '@/lib/stripe/client';
import { decryptSecret } from '@/lib/crypto/secret-box';
import { webhookEvents } from '@/lib/stripe/connection';
import * as stripeRoute from '@/app/api/billstack/teams/[teamId]/stripe/route';
import { call } from '../helpers/http';
import { createTeam, signUp, type TestUser } from '../helpers/fixtures';
import { connectTeam, newStripeKey, useStripeEmulator } from '../helpers/stripe';

const emulator = useStripeEmulator();
let owner: TestUser;

beforeAll(async () => {
  owner = await signUp();
});

const stripePath = (teamId: string) => `/api/billstack/teams/${teamId}/stripe`;
const getState = (teamId: string, user = owner) =>
  call(stripeRoute.GET, stripePath(teamId), { params: { teamId }, headers: user.headers });
const connect = (teamId: string, secretKey: string) =>
  call(stripeRoute.POST, stripePath(teamId), { method: 'POST', params: { teamId }, body: { secretKey }, headers: owner.headers });
const storedRow = async (teamId: string) => {
  const db = await getDb();
  const [row] = await db.select().from(stripeConnections).where(eq(stripeConnections.teamId, teamId));
  return row;
};

describe('Stripe connection', () => {
  it('starts disconnected', async () => {
    const team = await createTeam(owner);
    expect(await getState(team.id)).toMatchObject({
      status: 200,
      body: { stripe: { connected: false, accountId: null, livemode: null, connectedAt: null } },
    });
  });

  it('connects: validates the key, registers the webhook endpoint, stores secrets encrypted', async () => {
    const team = await createTeam(owner);
    const secretKey = newStripeKey();
    const res = await connect(team.id, secretKey);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      stripe: { connected: true, accountId: emulator().accountId(secretKey), livemode: false, connectedAt: expect.any(String) },
    });
    expect(JSON.stringify(res.body)).not.toContain(secretKey);
    expect(await getState(team.id)).toMatchObject({ status: 200, body: res.body });

    const endpoints = await stripeClient(secretKey).webhookEndpoints.list();
    expect(endpoints.data).toHaveLength(1);
    expect(endpoints.data[0].url).toBe(`http://localhost:3000/api/billstack/webhooks/stripe?team=${team.id}`);
    expect(endpoints.data[0].enabled_events).toEqual(webhookEvents);

    const row = await storedRow(team.id);
    expect(JSON.stringify(row)).not.toContain(secretKey);
    expect(row.webhookSecretEncrypted).not.toMatch(/whsec_/);
    expect(decryptSecret(row.secretKeyEncrypted, team.id)).toBe(secretKey);
    expect(decryptSecret(row.webhookSecretEncrypted, team.id)).toMatch(/^whsec_/);
    // The ciphertext is bound to its team: copied to another team's row it does not decrypt.
    expect(() => decryptSecret(row.secretKeyEncrypted, 'team_other')).toThrow();
  });

  it('reconnects with another key: the old endpoint goes, the new account is used', async () => {
    const team = await createTeam(owner);
    const first = await connectTeam(owner, team.id);
    const secondKey = newStripeKey();
    const res = await connect(team.id, secondKey);
    expect(res.body.stripe.accountId).toBe(emulator().accountId(secondKey));
    expect((await first.stripe.webhookEndpoints.list()).data).toHaveLength(0);
    expect((await stripeClient(secondKey).webhookEndpoints.list()).data).toHaveLength(1);
  });

  it('disconnects: removes the endpoint in Stripe and the stored secrets', async () => {
    const team = await createTeam(owner);
    const { stripe } = await connectTeam(owner, team.id);
    const res = await call(stripeRoute.DELETE, stripePath(team.id), { method: 'DELETE', params: { teamId: team.id }, headers: owner.headers });
    expect(res).toMatchObject({ status: 200, body: { stripe: { connected: false } } });
    expect((await stripe.webhookEndpoints.list()).data).toHaveLength(0);
    expect(await storedRow(team.id)).toBeUndefined();
  });

  it('refuses a key Stripe rejects with 400 and Stripe\'s reason, storing nothing', async () => {
    const team = await createTeam(owner);
    const res = await connect(team.id, 'sk_test_invalid0000000000');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: expect.stringMatching(/Invalid API Key provided/), code: 'invalid_stripe_key' });
    expect(await storedRow(team.id)).toBeUndefined();
  });

  it('refuses what is not a Stripe secret key with 400', async () => {
    const team = await createTeam(owner);
    const res = await connect(team.id, 'pk_test_abcdefabcdef');
    expect(res).toMatchObject({ status: 400, body: { error: expect.stringContaining('Invalid body field "secretKey"') } });
  });

  it('answers 502 when Stripe is unreachable, storing nothing', async () => {
    const team = await createTeam(owner);
    const base = process.env.STRIPE_API_BASE;
    process.env.STRIPE_API_BASE = 'http://127.0.0.1:9';
    try {
      const res = await connect(team.id, newStripeKey());
      expect(res).toMatchObject({ status: 502, body: { error: 'Stripe could not be reached; nothing was changed. Try again.', code: 'stripe_error' } });
    } finally {
      process.env.STRIPE_API_BASE = base;
    }
    expect(await storedRow(team.id)).toBeUndefined();
  });

  it('answers 502 with Stripe\'s message when Stripe fails, storing nothing', async () => {
    const team = await createTeam(owner);
    const secretKey = newStripeKey();
    emulator().injectFaults(secretKey, { count: 1, status: 500 });
    const res = await connect(team.id, secretKey);
    expect(res.status).toBe(502);
    expect(await storedRow(team.id)).toBeUndefined();
  });

  it('is for owners and admins, with a session', async () => {
    const team = await createTeam(owner);
    const stranger = await signUp();
    expect(await getState(team.id, stranger)).toMatchObject({ status: 404, body: { error: 'Team not found', code: 'team_not_found' } });
  });
});
