// Runs the suite against a PostgreSQL server (a fresh database, dropped afterwards) and a Redis server; arguments
// go to vitest (`npm run test:reliability` passes the reliability config).
import { spawnSync } from 'node:child_process';
import postgres from 'postgres';

const adminUrl = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `billstack_test_${Date.now()}_${process.pid}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });

await admin.unsafe(`create database ${database}`);
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${database}`;
let status: number;
try {
  const run = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: {
      ...process.env,
      BILLSTACK_SERVER_SUITE: '1',
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    },
  });
  status = run.status ?? 1;
} finally {
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.end();
}
process.exit(status);
