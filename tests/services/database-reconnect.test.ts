// Runs in the server suite (npm run test:server), against the real PostgreSQL: a connection the server cuts is
// told apart from a refused query, and the pool serves again on the next query. (A whole restart under load is
// tests/reliability/postgres-restart.test.ts.)
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { getDb, isDatabaseUnreachable, isUniqueViolation, reconnectBackoff } from '@/db/client';
import { waitFor } from '../reliability/helpers';

const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });

afterAll(async () => {
  await admin.end();
});

describe('the database connection', () => {
  it('reports a query whose connection the server cut (as a restart does) as unreachable, and the next query reconnects', async () => {
    const db = await getDb();
    const marker = `cut_${randomBytes(6).toString('hex')}`;
    const running = db.execute(sql.raw(`select pg_sleep(30) as ${marker}`)).catch((error: unknown) => error);
    const backend = async () => (await admin`select pid from pg_stat_activity where query like ${`%as ${marker}`} and pid <> pg_backend_pid()`)[0]?.pid;
    await waitFor(async () => (await backend()) !== undefined, 'the query to run');
    await admin`select pg_terminate_backend(${await backend()})`;

    const error = await running;
    // The server's 57P01 (terminating connection due to administrator command), or the socket closing first.
    expect(['57P01', 'CONNECTION_CLOSED']).toContain((error as { cause?: { code?: string } }).cause?.code);
    expect(isDatabaseUnreachable(error)).toBe(true);
    expect(await db.execute(sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it('answers the next query on a connection the server cut, not with the old connection’s error', async () => {
    // One connection, so the next query is sent on the connection the server cut (postgres.js 3.4.9 kept the old
    // backend's 57P01 and failed the first query after the reconnect with it: patches/postgres+3.4.9.patch).
    const client = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      for (let round = 0; round < 3; round++) {
        const marker = `cut_${randomBytes(6).toString('hex')}`;
        const running = client.unsafe(`select pg_sleep(30) as ${marker}`).catch((error: unknown) => error);
        const backend = async () => (await admin`select pid from pg_stat_activity where query like ${`%as ${marker}`} and pid <> pg_backend_pid()`)[0]?.pid;
        await waitFor(async () => (await backend()) !== undefined, 'the query to run');
        await admin`select pg_terminate_backend(${await backend()})`;
        expect(isDatabaseUnreachable(await running)).toBe(true);
        expect(await client`select 1 as one`).toEqual([{ one: 1 }]);
      }
    } finally {
      await client.end();
    }
  });

  it('does not count a query the database refused as unreachable', async () => {
    const db = await getDb();
    const refused = await db.execute(sql`select * from no_such_table`).catch((error: unknown) => error);
    expect(refused).toMatchObject({ cause: { code: '42P01' } });
    expect(isDatabaseUnreachable(refused)).toBe(false);
    expect(isUniqueViolation(refused)).toBe(false);
  });

  it('waits at most a second between reconnection attempts, however many failed', () => {
    expect(reconnectBackoff(1)).toBeLessThanOrEqual(0.1);
    for (let failures = 1; failures <= 40; failures++) expect(reconnectBackoff(failures)).toBeLessThanOrEqual(1);
  });
});
