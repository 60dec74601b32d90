import { describe, expect, it } from 'vitest';
import * as health from '@/app/api/health/route';
import { call } from '../helpers/http';
import { createTeam, signUp } from '../helpers/fixtures';

describe('smoke', () => {
  it('health and a team', async () => {
    const res = await call(health.GET, '/api/health');
    expect(res.status).toBe(200);
    const user = await signUp();
    const team = await createTeam(user);
    expect(team.id).toMatch(/^team_/);
  });
});
