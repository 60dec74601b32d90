import crypto from 'node:crypto';

/** A signed-in owner of one team with one project, and a `bs_` key for every project and scope. */
export interface Tenant {
  cookie: string;
  teamId: string;
  projectId: string;
  apiKey: string;
}

/** A dashboard user's calls to the public API; better-auth checks the Origin of every call. */
class DashboardClient {
  constructor(
    private origin: string,
    public cookie = '',
  ) {}

  async post<T>(path: string, body: unknown, expectedStatus: number): Promise<{ body: T; res: Response }> {
    const res = await fetch(`${this.origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.origin, cookie: this.cookie },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== expectedStatus) throw new Error(`POST ${path}: expected ${expectedStatus}, got ${res.status}: ${text}`);
    return { body: JSON.parse(text) as T, res };
  }
}

/** `name=value` pairs of every Set-Cookie, as a Cookie header. */
function cookieHeader(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

export async function seedTenant(origin: string): Promise<Tenant> {
  const client = new DashboardClient(origin);
  const email = `bench-${crypto.randomBytes(6).toString('hex')}@example.com`;
  const { res } = await client.post('/api/auth/sign-up/email', { email, password: crypto.randomBytes(18).toString('base64url'), name: 'Bench Owner' }, 200);
  client.cookie = cookieHeader(res);
  if (!client.cookie) throw new Error('sign-up answered without a session cookie');

  const { body: teamBody } = await client.post<{ team: { id: string } }>('/api/billstack/teams', { name: 'Bench Team' }, 201);
  const teamId = teamBody.team.id;
  const { body: projectBody } = await client.post<{ project: { id: string } }>(
    `/api/billstack/teams/${teamId}/projects`,
    { name: 'Bench Project' },
    201,
  );
  const { body: keyBody } = await client.post<{ key: string }>(
    `/api/billstack/teams/${teamId}/api-keys`,
    { name: 'bench', projectIds: 'all', scopes: ['*'] },
    201,
  );
  return { cookie: client.cookie, teamId, projectId: projectBody.project.id, apiKey: keyBody.key };
}

/** Connects the team to Stripe (the emulator): BillStack registers its webhook endpoint there. */
export async function connectStripe(origin: string, tenant: Tenant, secretKey: string): Promise<void> {
  await new DashboardClient(origin, tenant.cookie).post(`/api/billstack/teams/${tenant.teamId}/stripe`, { secretKey }, 201);
}
