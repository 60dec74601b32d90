import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as ready from '@/app/api/health/ready/route';
import * as health from '@/app/api/health/route';
import { getDb } from '@/db/client';
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

describe('GET /api/health/ready', () => {
  it('answers 200 once the database is reachable and has every migration', async () => {
    const res = await call(ready.GET, '/api/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', ready: true, database: 'reachable', migrations: 'applied' });
  });

  it('answers 503 while a migration of this build is not applied', async () => {
    const db = await getDb();
    const newest = sql`(select max(created_at) from drizzle.__drizzle_migrations)`;
    const taken: unknown = await db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${newest} returning hash, created_at`);
    const [row] = (Array.isArray(taken) ? taken : (taken as { rows: unknown[] }).rows) as { hash: string; created_at: string }[];
    try {
      const res = await call(ready.GET, '/api/health/ready');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: 'Not ready', code: 'service_unavailable', ready: false, database: 'reachable', migrations: 'pending' });
    } finally {
      await db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${row.hash}, ${row.created_at})`);
    }
    expect((await call(ready.GET, '/api/health/ready')).status).toBe(200);
  });
});
