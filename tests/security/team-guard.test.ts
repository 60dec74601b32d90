/**
 * The security matrix of the team-level endpoints (tests/helpers/route-inventory.ts): without a session 401, with
 * an API key 401, for a user outside the team 404, and for a plain member 403 wherever owners and admins (or
 * owners alone) may act. Before, no team endpoint ran through a shared matrix, and the member cells of finding 3 were unchecked.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { keyOnTeamEndpoint, sessionRequired } from '@/lib/auth/credentials';
import type { RouteHandler } from '@/lib/http/route';
import { call } from '../helpers/http';
import { signUp, type TestUser } from '../helpers/fixtures';
import { joinTeam } from '../helpers/members';
import { teamEndpoints, type TeamEndpoint } from '../helpers/route-inventory';
import { buildWorld, issueApiKey, type World } from '../helpers/world';

let world: World;
let member: TestUser;
let keyHeaders: Record<string, string>;

beforeAll(async () => {
  world = await buildWorld();
  member = await signUp();
  await joinTeam(member, world.team.id, 'member');
  keyHeaders = (await issueApiKey(world.owner, world.team.id)).headers;
});

// Authentication and the role come before any lookup, so ids of the right shape that name nothing will do.
const placeholders: Record<string, string> = {
  projectId: 'proj_00000000000000000000',
  keyId: 'key_00000000000000000000',
  userId: 'user-that-is-not-there',
  invitationId: 'inv_00000000000000000000',
  eventId: 'whe_00000000000000000000',
};

async function callEndpoint(endpoint: TeamEndpoint, headers: Record<string, string>) {
  const module = (await import(path.join(process.cwd(), 'app/api/billstack', endpoint.route, 'route.ts'))) as Record<string, RouteHandler>;
  const params: Record<string, string> = { ...placeholders, teamId: world.team.id };
  const url = `/api/billstack/${endpoint.route.replace(/\[(\w+)\]/g, (_, name: string) => params[name])}`;
  return call(module[endpoint.method], url, { method: endpoint.method, params, headers });
}

describe.each(teamEndpoints)('$method $route', (endpoint) => {
  it('is 401 without a session', async () => {
    expect(await callEndpoint(endpoint, {})).toMatchObject({ status: 401, body: { error: sessionRequired, code: 'unauthorized' } });
  });

  it('is 401 with an API key', async () => {
    expect(await callEndpoint(endpoint, keyHeaders)).toMatchObject({ status: 401, body: { error: keyOnTeamEndpoint, code: 'api_key_not_allowed' } });
  });

  it('is 404 for a user outside the team', async () => {
    expect(await callEndpoint(endpoint, world.stranger.headers)).toMatchObject({ status: 404, body: { error: 'Team not found', code: 'team_not_found' } });
  });

  it(endpoint.access === 'member' ? 'is open to a plain member' : 'is 403 for a plain member', async () => {
    const res = await callEndpoint(endpoint, member.headers);
    if (endpoint.access !== 'member') {
      const roles = endpoint.access === 'owner' ? 'owner' : 'owner or admin';
      expect(res).toMatchObject({ status: 403, body: { error: `This action requires the ${roles} role`, code: 'role_required' } });
    } else {
      expect(res.status).toBe(200);
    }
  });
});
