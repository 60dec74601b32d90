import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { dataDir } from '../lib/config/data-dir';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Query functions take either, so callers can compose them inside one transaction. */
export type Executor = Database | Transaction;
export type DatabaseKind = 'pglite' | 'postgres';

interface Connection {
  kind: DatabaseKind;
  db: Database;
  close(): Promise<void>;
}

const migrationsFolder = path.join(process.cwd(), 'drizzle');

/**
 * Seconds before a pool connection tries PostgreSQL again. postgres.js's default grows 3^n over one failure
 * count shared by the pool, up to 20 s: a few seconds of restart under load left it waiting that long after the
 * database was back. Capped at a second, the pool is serving again within about a second of it.
 */
export function reconnectBackoff(failures: number): number {
  return Math.min(0.05 * 2 ** failures, 1) * (0.5 + Math.random() / 2);
}

async function connect(): Promise<Connection> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const client = postgres(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), backoff: reconnectBackoff, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema });
    await migratePostgres(db, { migrationsFolder });
    return { kind: 'postgres', db, close: () => client.end() };
  }
  const dir = process.env.PGLITE_DIR ?? path.join(dataDir(), 'pglite');
  const client = new PGlite(dir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return { kind: 'pglite', db, close: () => client.close() };
}

// Next bundles route handlers separately: the connection lives on globalThis so there is one per process
// (two PGlite instances on one directory would silently diverge).
const holder = globalThis as typeof globalThis & { __billstackDb?: Promise<Connection> };

function connection(): Promise<Connection> {
  holder.__billstackDb ??= connect().catch((error) => {
    holder.__billstackDb = undefined;
    throw error;
  });
  return holder.__billstackDb;
}

/** The migrated database; the first call connects and applies pending migrations. */
export async function getDb(): Promise<Database> {
  return (await connection()).db;
}

export async function databaseKind(): Promise<DatabaseKind> {
  return (await connection()).kind;
}

export async function closeDb(): Promise<void> {
  const pending = holder.__billstackDb;
  holder.__billstackDb = undefined;
  if (pending) await (await pending).close();
}

/** The codes along an error's cause chain: drizzle wraps the driver's error (postgres.js, PGlite) as the cause. */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') codes.push(code);
    current = cause;
  }
  return codes;
}

/** A write refused by a unique index (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return errorCodes(error).includes('23505');
}

/** postgres.js's own codes for a connection lost or never made, beside Node's socket errors. */
const unreachableCodes = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/**
 * The database cannot be talked to now (down, restarting, the connection cut), as opposed to a query it refused:
 * SQLSTATE class 08 (connection exception), 57P01-57P03 (shut down by the administrator, crashed, starting up or
 * shutting down), or a socket error.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  return errorCodes(error).some((code) => unreachableCodes.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code));
}
