/**
 * The security matrices complete by construction: every route file under app/api/billstack, and every HTTP
 * method it exports, must be listed, either as a project endpoint (tests/helpers/project-endpoints.ts, run by
 * tests/auth/project-guard.test.ts) or in tests/helpers/route-inventory.ts (team endpoints, run by
 * tests/security/team-guard.test.ts, and the few that authenticate otherwise). Before, the list was kept by
 * hand and the settings, sync, rebuild and team routes were missing from it; this test would have named them.
 */
import { describe, expect, it } from 'vitest';
import { projectEndpoints } from '../helpers/project-endpoints';
import { exportedRoutes } from '../helpers/route-files';
import { otherEndpoints, teamEndpoints } from '../helpers/route-inventory';

describe('the route inventory', () => {
  it('lists every method of every route file under app/api/billstack', async () => {
    const projectHandlers = new Set<unknown>(projectEndpoints.map((endpoint) => endpoint.handler));
    const listed = new Set([...teamEndpoints, ...otherEndpoints].map(({ route, method }) => `${route} ${method}`));

    const unlisted = (await exportedRoutes()).filter(({ key, handler }) => !projectHandlers.has(handler) && !listed.has(key));

    expect(unlisted.map(({ key }) => key)).toEqual([]);
  });

  it('names no route that does not exist', async () => {
    const exported = new Set((await exportedRoutes()).map(({ key }) => key));
    const stale = [...teamEndpoints, ...otherEndpoints].map(({ route, method }) => `${route} ${method}`).filter((key) => !exported.has(key));
    expect(stale).toEqual([]);
  });
});
