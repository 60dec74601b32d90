import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { log } from '@/lib/log';

/** `db.execute` answers an array with postgres.js and `{ rows }` with PGlite. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** When the newest migration in drizzle/ was generated: the database is migrated once it has applied that one. */
async function newestMigration(): Promise<number> {
  const journal = JSON.parse(await readFile(path.join(process.cwd(), 'drizzle/meta/_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

export interface Readiness {
  ready: boolean;
  database: 'reachable' | 'unreachable';
  migrations: 'applied' | 'pending' | 'unknown';
}

/**
 * Whether this process can serve: the database answers a query now (not only when it was first connected)
 * and has every migration this build ships. Liveness (/api/health) stays a check of the process alone.
 */
export async function readiness(db: Database): Promise<Readiness> {
  let applied: number;
  try {
    const [row] = rowsOf<{ latest: string | number | null }>(
      await db.execute(sql`select max(created_at) as latest from drizzle.__drizzle_migrations`),
    );
    applied = Number(row?.latest ?? 0);
  } catch (error) {
    log.error({ err: error }, 'readiness: the database did not answer');
    return { ready: false, database: 'unreachable', migrations: 'unknown' };
  }
  const migrated = applied >= (await newestMigration());
  return { ready: migrated, database: 'reachable', migrations: migrated ? 'applied' : 'pending' };
}
