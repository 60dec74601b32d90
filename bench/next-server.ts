import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, repoRoot, sleep, spawnGroup, waitForOk, type GroupProcess } from './processes';

const buildIdFile = path.join(repoRoot, '.next', 'BUILD_ID');

/** Whether a command line is `next build`: Next renames its build process to `next-build (vX)`. */
function isNextBuild(argv: string[]): boolean {
  if (/^next-build( |$)/.test(argv[0])) return true;
  const nextAt = argv.findIndex((arg) => /(^|\/)next$/.test(arg));
  return nextAt >= 0 && argv[nextAt + 1] === 'build';
}

/** Pids of `next build` processes running in this repository (Linux /proc; elsewhere none are seen). */
function runningBuilds(): number[] {
  const pids: number[] = [];
  for (const entry of fs.existsSync('/proc') ? fs.readdirSync('/proc') : []) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (isNextBuild(argv) && fs.realpathSync(`/proc/${entry}/cwd`) === repoRoot) pids.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to inspect.
    }
  }
  return pids;
}

/**
 * `.next` is shared with the other engineers: never serve or start a build while one of theirs is
 * rewriting it. Builds only when there is no build at all; a stale one is served as it is.
 */
export async function ensureBuild(): Promise<{ buildId: string; builtAt: Date }> {
  const building = runningBuilds();
  if (building.length > 0) console.log(`waiting for the running next build (pid ${building.join(', ')}) to finish...`);
  while (runningBuilds().length > 0) await sleep(5_000);
  if (!fs.existsSync(buildIdFile)) {
    console.log('no production build (.next/BUILD_ID missing): running next build');
    const build = spawnSync('npx', ['next', 'build'], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) throw new Error(`next build failed with status ${build.status}`);
  }
  return { buildId: fs.readFileSync(buildIdFile, 'utf8').trim(), builtAt: fs.statSync(buildIdFile).mtime };
}

/** Whether the current build serves `route` (an app path such as `/api/health`). */
export function buildHasRoute(route: string): boolean {
  const manifest = path.join(repoRoot, '.next', 'app-path-routes-manifest.json');
  const routes: Record<string, string> = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  return Object.values(routes).includes(route);
}

export interface NextServer {
  origin: string;
  /** Whether the server process is still running (it did not crash). */
  alive(): boolean;
  stop(): Promise<void>;
}

export interface NextServerOptions {
  databaseUrl: string;
  stripeApiBase: string;
  encryptionKey: string;
  /** Overrides of the bench's settings below, e.g. the worker on for a server as it runs in production. */
  env?: Record<string, string>;
}

export async function startNextServer({ databaseUrl, stripeApiBase, encryptionKey, env = {} }: NextServerOptions): Promise<NextServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billstack-bench-'));
  const server: GroupProcess = spawnGroup('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: databaseUrl,
      BILLSTACK_DATA_DIR: dataDir,
      // better-auth refuses requests whose Origin is not exactly this.
      BETTER_AUTH_URL: origin,
      // Production builds public URLs (the webhook endpoint registered in Stripe) from this alone.
      BILLSTACK_URL: origin,
      BETTER_AUTH_SECRET: crypto.randomBytes(32).toString('base64'),
      BILLSTACK_ENCRYPTION_KEY: encryptionKey,
      STRIPE_API_BASE: stripeApiBase,
      // The intake is measured alone (it only queues); the drain case runs `npm run worker` processes itself.
      BILLSTACK_WORKER: 'off',
      // The benchmark is the only client: the per-key limit must not turn its load into 429s.
      API_KEY_RATE_LIMIT: '1000000',
      // One server: the in-process limiter. A Redis inherited from the caller's shell would add a hop
      // the baselines do not have, and may not be on loopback.
      REDIS_URL: '',
      ...env,
    },
  });
  const stop = async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForOk(`${origin}/api/health`, server, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, alive: () => server.child.exitCode === null && server.child.signalCode === null, stop };
}
