// A path under /api/billstack that no route serves answers the API's JSON 404 (Next would answer its HTML page).
import { describe, expect, it } from 'vitest';
import * as unknownRoute from '@/app/api/billstack/[...path]/route';
import { apiVersionHeader } from '@/lib/http/version';
import { call } from '../helpers/http';

describe('an unknown path', () => {
  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const)('answers %s with a JSON 404 and its code', async (method) => {
    const res = await call(unknownRoute[method], '/api/billstack/teams/team_1/projects/proj_1/gizmos', {
      method,
      ...(method === 'GET' || method === 'DELETE' ? {} : { body: { any: 'thing' } }),
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'Endpoint not found', code: 'endpoint_not_found' });
    expect(res.headers.get(apiVersionHeader)).toBeTruthy();
  });
});
