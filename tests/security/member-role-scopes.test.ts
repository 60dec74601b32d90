/**
 * Finding 3: a member's session reached every project endpoint with every scope. Roles now map to the scopes
 * keys carry (lib/auth/roles.ts): owner and admin hold all, a member only the read scopes, and a member calling
 * a write endpoint gets the same 403 `Missing scope X` a key without the scope gets. Before the change every
 * write endpoint below answered its success status to a member.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { roleScopes } from '@/lib/auth/roles';
import { call } from '../helpers/http';
import { signUp, type TestUser } from '../helpers/fixtures';
import { joinTeam } from '../helpers/members';
import { projectEndpoints, type ProjectEndpoint } from '../helpers/project-endpoints';
import { useStripeEmulator } from '../helpers/stripe';
import { buildWorld, type World } from '../helpers/world';

useStripeEmulator();
let world: World;
let member: TestUser;
let admin: TestUser;

beforeAll(async () => {
  world = await buildWorld();
  [member, admin] = await Promise.all([signUp(), signUp()]);
  await joinTeam(member, world.team.id, 'member');
  await joinTeam(admin, world.team.id, 'admin');
});

async function callAs(user: TestUser, endpoint: ProjectEndpoint) {
  const { team, project } = world;
  const target = endpoint.target ? await endpoint.target(world) : { path: '' };
  return call(endpoint.handler, `/api/billstack/teams/${team.id}/projects/${project.id}${target.path}`, {
    method: endpoint.method,
    params: { teamId: team.id, projectId: project.id, ...target.params },
    headers: user.headers,
    body: endpoint.body?.(),
  });
}

const readable = (endpoint: ProjectEndpoint) => !endpoint.scope || endpoint.scope.endsWith(':read');

describe('the role map', () => {
  it('gives owners and admins every scope and members the read scopes', () => {
    expect(roleScopes).toEqual({
      owner: ['*'],
      admin: ['*'],
      member: ['customers:read', 'products:read', 'subscriptions:read', 'analytics:read', 'referrals:read', 'webhooks:read'],
    });
  });
});

describe.each(projectEndpoints.filter(readable))('a member may $name', (endpoint) => {
  it('with the read scope of its role', async () => {
    const res = await callAs(member, endpoint);
    expect(res.status).toBe(endpoint.success);
    expect(res.body).not.toHaveProperty('error');
  });
});

describe.each(projectEndpoints.filter((endpoint) => !readable(endpoint)))('$name', (endpoint) => {
  it('is refused to a member with the missing scope named', async () => {
    const res = await callAs(member, endpoint);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: `Missing scope ${endpoint.scope}`, code: 'missing_scope' });
  });

  it('is allowed to an admin', async () => {
    const res = await callAs(admin, endpoint);
    expect(res.status).toBe(endpoint.success);
    expect(res.body).not.toHaveProperty('error');
  });
});
