import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../db/schema';

export interface BenchDatabase {
  url: string;
  /** `select version()`, for the machine facts. */
  serverVersion: string;
  drop(): Promise<void>;
}

/** A fresh database on the server at `adminUrl`, so a run neither sees nor leaves any data. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `billstack_bench_${Date.now()}_${process.pid}`;
  try {
    const [{ version }] = await admin<{ version: string }[]>`select version()`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      serverVersion: version,
      drop: async () => {
        try {
          // `with (force)` ends connections a crashed run may have left open.
          await admin.unsafe(`drop database if exists ${name} with (force)`);
        } finally {
          await admin.end();
        }
      },
    };
  } catch (error) {
    await admin.end();
    throw error;
  }
}

/** The product's drizzle schema over postgres.js, for calling product code from the bench process. */
export function connectDrizzle(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  return { db: drizzle(client, { schema }), close: () => client.end() };
}
