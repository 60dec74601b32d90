import { beforeAll, describe, expect, it } from 'vitest';
import { scopes, type Scope } from '@/lib/auth/scopes';
import type { ErrorCode } from '@/lib/http/error-codes';
import { apiVersion } from '@/lib/http/version';
import { call } from '../helpers/http';
import { projectEndpoints, type ProjectEndpoint } from '../helpers/project-endpoints';
import { useStripeEmulator } from '../helpers/stripe';
import { buildWorld, expireKey, issueApiKey, revokeKey, type World } from '../helpers/world';

type Credentials = (endpoint: ProjectEndpoint) => Record<string, string>;
interface Cell {
  name: string;
  credentials: Credentials;
  status: number | 'success';
  error?: (endpoint: ProjectEndpoint) => string;
  code?: ErrorCode;
  /** Cells that only make sense for scoped endpoints. */
  scopedOnly?: boolean;
}

useStripeEmulator();
let world: World;
const keys: Record<string, Record<string, string>> = {};
const keysByScope = new Map<Scope, Record<string, string>>();
const otherScopeThan = (scope: Scope) => scopes.find((candidate) => candidate !== scope && candidate !== '*')!;

beforeAll(async () => {
  world = await buildWorld();
  const { owner, team, project, siblingProject, otherOwner, otherTeam } = world;
  const revoked = await issueApiKey(owner, team.id);
  await revokeKey(owner, team.id, revoked.id);
  const expired = await issueApiKey(owner, team.id);
  await expireKey(expired.id);
  keys.revoked = revoked.headers;
  keys.expired = expired.headers;
  keys.otherTeam = (await issueApiKey(otherOwner, otherTeam.id)).headers;
  keys.siblingProject = (await issueApiKey(owner, team.id, { projectIds: [siblingProject.id] })).headers;
  for (const scope of scopes) {
    keysByScope.set(scope, (await issueApiKey(owner, team.id, { projectIds: [project.id], scopes: [scope] })).headers);
  }
});

const cells: Cell[] = [
  { name: 'no credentials', credentials: () => ({}), status: 401, error: () => 'Authentication required: sign in or send an API key', code: 'unauthorized' },
  { name: 'malformed header', credentials: () => ({ authorization: 'Basic Zm9vOmJhcg==' }), status: 401, error: () => 'Malformed Authorization header: expected "Bearer bs_..."', code: 'invalid_api_key' },
  { name: 'malformed key', credentials: () => ({ authorization: 'Bearer bs_short' }), status: 401, error: () => 'Malformed API key', code: 'invalid_api_key' },
  { name: 'unknown key', credentials: () => ({ authorization: `Bearer bs_${'x'.repeat(43)}` }), status: 401, error: () => 'Invalid API key', code: 'invalid_api_key' },
  { name: 'revoked key', credentials: () => keys.revoked, status: 401, error: () => 'API key has been revoked', code: 'api_key_revoked' },
  { name: 'expired key', credentials: () => keys.expired, status: 401, error: () => 'API key has expired', code: 'api_key_expired' },
  { name: 'key of another team', credentials: () => keys.otherTeam, status: 404, error: () => 'Team not found', code: 'team_not_found' },
  { name: 'key of another project of the team', credentials: () => keys.siblingProject, status: 404, error: () => 'Project not found', code: 'project_not_found' },
  {
    name: 'key missing the scope',
    credentials: (endpoint) => keysByScope.get(otherScopeThan(endpoint.scope!))!,
    status: 403,
    error: (endpoint) => `Missing scope ${endpoint.scope}`,
    code: 'missing_scope',
    scopedOnly: true,
  },
  { name: 'key with the scope', credentials: (endpoint) => keysByScope.get(endpoint.scope ?? 'customers:read')!, status: 'success' },
  { name: 'key with *', credentials: () => keysByScope.get('*')!, status: 'success' },
  { name: 'session of a member', credentials: () => world.owner.headers, status: 'success' },
  { name: 'session of a non-member', credentials: () => world.stranger.headers, status: 404, error: () => 'Team not found', code: 'team_not_found' },
];

describe.each(projectEndpoints)('$name', (endpoint) => {
  const applicable = cells.filter((cell) => !cell.scopedOnly || endpoint.scope);
  it.each(applicable)('$name', async (cell) => {
    const { team, project } = world;
    const target = endpoint.target ? await endpoint.target(world) : { path: '' };
    const res = await call(endpoint.handler, `/api/billstack/teams/${team.id}/projects/${project.id}${target.path}`, {
      method: endpoint.method,
      params: { teamId: team.id, projectId: project.id, ...target.params },
      headers: cell.credentials(endpoint),
      body: endpoint.body?.(),
    });
    if (cell.status === 'success') {
      expect(res.status).toBe(endpoint.success);
      expect(res.body).not.toHaveProperty('error');
    } else {
      expect(res.status).toBe(cell.status);
      expect(res.body).toEqual({ error: cell.error!(endpoint), code: cell.code });
    }
    expect(res.headers.get('billstack-version')).toBe(apiVersion);
  });
});
