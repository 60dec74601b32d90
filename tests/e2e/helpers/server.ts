/**
 * Runs the production server (`next start`) for browser and reliability tests, on a free port (or a given one,
 * to restart a server at the same address) with its own data folder.
 *
 * It serves the existing build and does not build: run `NEXT_TELEMETRY_DISABLED=1 npx next build` before
 * `npm run test:e2e` (CI runs the build step first). The server uses an embedded PGlite database in a fresh
 * temporary folder, so each run starts empty and leaves nothing behind, unless given a PostgreSQL `databaseUrl`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The server's auth secret, so a test can sign what the server signs (e.g. an already expired portal token). */
export const e2eAuthSecret = 'e2e-only-secret-e2e-only-secret-0123456789';
/** The server's key for secrets at rest, so a test reading its database can open them (a team's webhook secret). */
export const e2eEncryptionKey = Buffer.alloc(32, 9).toString('base64');

export interface TestServer {
  /** `http://127.0.0.1:PORT`, also the server's BETTER_AUTH_URL: browse this exact origin. */
  baseURL: string;
  /** The server's data folder: its mail outbox (`outbox.jsonl`) is there. */
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** Sends `signal` to the server process and resolves with how it exited (its data folder stays until stop). */
  terminate(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** `kill -9` of the server's whole process group, as a crash or the OOM killer would; resolves once it is gone. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseURL: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseURL}/api/health`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server at ${baseURL} was not healthy within ${timeoutMs} ms:\n${output()}`);
}

export interface ServerOptions {
  timeoutMs?: number;
  env?: Record<string, string>;
  /** Listen here (a restarted server keeps its address: Stripe's webhook endpoint points at it). */
  port?: number;
  /** A PostgreSQL database instead of a fresh embedded one. */
  databaseUrl?: string;
  /** Serve an existing data folder (a stopped server's): it is then the caller's, and stop() leaves it. */
  dataDir?: string;
}

export async function startServer({ timeoutMs = 60_000, env: extraEnv = {}, port: givenPort, databaseUrl, dataDir: givenDataDir }: ServerOptions = {}): Promise<TestServer> {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    throw new Error('No production build found: run `NEXT_TELEMETRY_DISABLED=1 npx next build` before the e2e tests');
  }
  const port = givenPort ?? (await freePort());
  const baseURL = `http://127.0.0.1:${port}`;
  const dataDir = givenDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'billstack-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    BILLSTACK_DATA_DIR: dataDir,
    PGLITE_DIR: path.join(dataDir, 'pglite'),
    // better-auth refuses requests whose Origin differs from this, so it is exactly the origin the browser uses.
    BETTER_AUTH_URL: baseURL,
    // The public address links and webhook endpoints are built on: behind `next start`, a request's own origin
    // reads `localhost` whatever host the client used.
    BILLSTACK_URL: baseURL,
    BETTER_AUTH_SECRET: e2eAuthSecret,
    BILLSTACK_ENCRYPTION_KEY: e2eEncryptionKey,
    // Production's default sign-up policy is invite-only; every test signs up its own people.
    BILLSTACK_SIGNUP: 'open',
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  Object.assign(env, extraEnv);

  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  // Its own process group, so teardown also stops any worker next start forks.
  const child = spawn(process.execPath, [nextBin, 'start', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const output = () => log;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const terminate = (signal: NodeJS.Signals) => {
    child.kill(signal);
    return exited;
  };

  const crash = async () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await exited;
  };

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (!givenDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseURL, child, output, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL, dataDir, output, terminate, crash, stop };
}
