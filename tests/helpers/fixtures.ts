import { randomBase62 } from '@/lib/http/ids';
import { getAuth } from '@/lib/auth/auth';
import * as teamsRoute from '@/app/api/billstack/teams/route';
import * as projectsRoute from '@/app/api/billstack/teams/[teamId]/projects/route';
import * as membersRoute from '@/app/api/billstack/teams/[teamId]/members/route';
import * as acceptRoute from '@/app/api/billstack/invitations/[token]/accept/route';
import type { TeamRole } from '@/db/schema';
import { call } from './http';
import { latestLink } from './mail';

export interface TestUser {
  id: string;
  email: string;
  /** The session cookie header to send as this user. */
  headers: Record<string, string>;
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBase62(10).toLowerCase()}@example.com`;
}

/** Signs up through better-auth, as the sign-up page does, and keeps the session cookie. */
export async function signUp(email = uniqueEmail()): Promise<TestUser> {
  const auth = await getAuth();
  const res = await auth.api.signUpEmail({
    body: { email, password: 'correct-horse-battery', name: email.split('@')[0] },
    asResponse: true,
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const { user } = (await res.json()) as { user: { id: string } };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { id: user.id, email, headers: { cookie } };
}

export async function createTeam(owner: TestUser, name = 'Acme'): Promise<{ id: string; name: string }> {
  const res = await call(teamsRoute.POST, '/api/billstack/teams', { method: 'POST', body: { name }, headers: owner.headers });
  if (res.status !== 201) throw new Error(`team creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.team;
}

export async function createProject(owner: TestUser, teamId: string, name = 'App'): Promise<{ id: string; teamId: string }> {
  const res = await call(projectsRoute.POST, `/api/billstack/teams/${teamId}/projects`, {
    method: 'POST',
    params: { teamId },
    body: { name },
    headers: owner.headers,
  });
  if (res.status !== 201) throw new Error(`project creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.project;
}

/** Opens the verification link mailed at sign-up, as the user's browser would. */
export async function verifyEmail(who: TestUser): Promise<void> {
  const auth = await getAuth();
  const res = await auth.handler(new Request(latestLink(who.email, /\/verify-email\?/)));
  if (res.status !== 302) throw new Error(`verification failed: ${res.status} ${await res.text()}`);
}

/** The token of the latest invitation link mailed to an address. */
export function invitationToken(email: string): string {
  return latestLink(email, /\/invitations\//).split('/invitations/')[1];
}

/** The whole invitation path: invited by the owner, address verified, link accepted. */
export async function joinByInvitation(owner: TestUser, teamId: string, who: TestUser, role: TeamRole): Promise<void> {
  const invited = await call(membersRoute.POST, `/api/billstack/teams/${teamId}/members`, {
    method: 'POST',
    params: { teamId },
    body: { email: who.email, role },
    headers: owner.headers,
  });
  if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  await verifyEmail(who);
  const token = invitationToken(who.email);
  const accepted = await call(acceptRoute.POST, `/api/billstack/invitations/${token}/accept`, {
    method: 'POST',
    params: { token },
    headers: { ...who.headers, 'content-type': 'application/json' },
  });
  if (accepted.status !== 200) throw new Error(`acceptance failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
}
