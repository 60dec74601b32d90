import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { closeDb } from '@/db/client';

/**
 * A database of the file's own on a PostgreSQL server, for tests whose subject acts on every row of the database
 * (key rotation): in the server suite the other test files share one database and would be changed under them.
 * With PGlite each file already has its own in-memory database. Call before anything touches the database.
 */
export function useOwnDatabase() {
  const shared = process.env.DATABASE_URL;
  if (!shared) return;
  const own = new URL(shared);
  const name = `${own.pathname.slice(1)}_own_${process.pid}`;
  own.pathname = `/${name}`;
  const admin = () => postgres(shared, { max: 1, onnotice: () => {} });
  beforeAll(async () => {
    const sql = admin();
    await sql.unsafe(`create database ${name}`);
    await sql.end();
    // The client connects (and migrates) on first use, so the file's first query lands in its own database.
    process.env.DATABASE_URL = own.toString();
  });
  afterAll(async () => {
    await closeDb();
    process.env.DATABASE_URL = shared;
    const sql = admin();
    await sql.unsafe(`drop database if exists ${name} with (force)`);
    await sql.end();
  });
}
