import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { apiKeys } from '@/db/schema';
import type { Scope } from '@/lib/auth/scopes';
import * as apiKeysRoute from '@/app/api/billstack/teams/[teamId]/api-keys/route';
import * as apiKeyRoute from '@/app/api/billstack/teams/[teamId]/api-keys/[keyId]/route';
import { call } from './http';
import { createProject, createTeam, signUp, type TestUser } from './fixtures';
import { connectTeam } from './stripe';

export interface IssuedKey {
  id: string;
  key: string;
  headers: Record<string, string>;
}

export async function issueApiKey(
  owner: TestUser,
  teamId: string,
  { projectIds = 'all', scopes = ['*'] }: { projectIds?: string[] | 'all'; scopes?: Scope[] } = {},
): Promise<IssuedKey> {
  const res = await call(apiKeysRoute.POST, `/api/billstack/teams/${teamId}/api-keys`, {
    method: 'POST',
    params: { teamId },
    body: { name: 'test key', projectIds, scopes },
    headers: owner.headers,
  });
  if (res.status !== 201) throw new Error(`key creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.apiKey.id, key: res.body.key, headers: { authorization: `Bearer ${res.body.key}` } };
}

export async function revokeKey(owner: TestUser, teamId: string, keyId: string) {
  const res = await call(apiKeyRoute.DELETE, `/api/billstack/teams/${teamId}/api-keys/${keyId}`, {
    method: 'DELETE',
    params: { teamId, keyId },
    headers: owner.headers,
  });
  if (res.status !== 200) throw new Error(`revocation failed: ${res.status}`);
}

/** Keys cannot be created already expired, so a test moves one into the past directly. */
export async function expireKey(keyId: string) {
  const db = await getDb();
  await db.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, keyId));
}

/**
 * Two teams with two projects and one with one, with their owners and a user who belongs to neither:
 * the cast of every isolation test. Both teams are connected to Stripe when an emulator is running.
 */
export async function buildWorld() {
  const owner = await signUp();
  const team = await createTeam(owner, 'Team A');
  // Team A's Stripe account, for checks straight through the SDK.
  const stripeAccount = process.env.STRIPE_API_BASE ? await connectTeam(owner, team.id) : null;
  const project = await createProject(owner, team.id, 'A1');
  const siblingProject = await createProject(owner, team.id, 'A2');
  const otherOwner = await signUp();
  const otherTeam = await createTeam(otherOwner, 'Team B');
  const otherProject = await createProject(otherOwner, otherTeam.id, 'B1');
  if (process.env.STRIPE_API_BASE) await connectTeam(otherOwner, otherTeam.id);
  const stranger = await signUp();
  return { owner, team, project, siblingProject, otherOwner, otherTeam, otherProject, stranger, stripeAccount };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;
