import { describe, expect, it } from 'vitest';
import * as health from '@/app/api/health/route';
import { call } from '../helpers/http';

describe('GET /api/health', () => {
  it('answers without credentials, naming the database in use', async () => {
    const res = await call(health.GET, '/api/health');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
    expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-zA-Z]{20}$/);
  });

  it('gives each request its own id', async () => {
    const [a, b] = await Promise.all([call(health.GET, '/api/health'), call(health.GET, '/api/health')]);

    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });
});
