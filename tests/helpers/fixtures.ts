import { randomBase62 } from '@/lib/http/ids';
import { getAuth } from '@/lib/auth/auth';
import * as teamsRoute from '@/app/api/billstack/teams/route';
import * as projectsRoute from '@/app/api/billstack/teams/[teamId]/projects/route';
import { call } from './http';

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
