// A PostgreSQL cluster of one test file's own, from Debian's binaries: restarting it disturbs no other database
// of the run (nor anyone else's on this machine).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { closeDb } from '@/db/client';
import { freePort } from '../e2e/helpers/server';

const run = promisify(execFile);

/** The newest PostgreSQL installed under /usr/lib/postgresql/<version>/bin. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => fs.existsSync(path.join(root, name, 'bin', 'pg_ctl'))) : [];
  if (versions.length === 0) throw new Error(`No PostgreSQL binaries under ${root}`);
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return path.join(root, newest, 'bin');
}

export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`, trust auth. */
  url: string;
  /**
   * Fast shutdown (open connections are terminated), `pauseMs` down, then up again; resolves once it accepts
   * connections. Between `stoppedAt` and `startingAt` it was certainly down.
   */
  restart(pauseMs: number): Promise<{ downAt: number; stoppedAt: number; startingAt: number; upAt: number }>;
  /** Stops the cluster and removes its files. */
  stop(): Promise<void>;
}

/**
 * initdb into a temporary folder and start on a free port, listening on 127.0.0.1 and a socket in that folder.
 * initdb and the server refuse to run as root: as uid 0 they run as the `postgres` user, owner of the folder.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'billstack-pg-'));
  const dataDir = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await run('chown', ['postgres:postgres', dir]);
  const pg = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);

  const port = await freePort();
  await pg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => pg('pg_ctl', ['start', '-w', '-D', dataDir, '-l', path.join(dir, 'server.log'), '-o', options]);
  const stopServer = () => pg('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', dataDir]);
  await start();

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart(pauseMs) {
      const downAt = Date.now();
      await stopServer();
      const stoppedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const startingAt = Date.now();
      await start();
      return { downAt, stoppedAt, startingAt, upAt: Date.now() };
    },
    async stop() {
      await stopServer().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The file's own cluster, started before the file's other hooks and stopped after them: DATABASE_URL points at it
 * meanwhile, so the servers the file starts and this process's own reads use it. Call before useReliabilityProject.
 */
export function usePrivatePostgres(): () => PrivatePostgres {
  let cluster: PrivatePostgres | undefined;
  const shared = process.env.DATABASE_URL;
  beforeAll(async () => {
    cluster = await startPrivatePostgres();
    process.env.DATABASE_URL = cluster.url;
  });
  afterAll(async () => {
    await closeDb();
    process.env.DATABASE_URL = shared;
    await cluster?.stop();
  });
  return () => cluster!;
}
