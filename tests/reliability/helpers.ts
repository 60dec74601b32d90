// What the reliability files stand on: production servers on the run's PostgreSQL database and Redis, a Stripe
// emulator that keeps retrying webhooks across a restart, and clients that retry as a SaaS backend would.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { and, eq, isNull } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, expect } from 'vitest';
import { getDb } from '@/db/client';
import { customers } from '@/db/schema';
import { stripeClient } from '@/lib/stripe/client';
import { startStripeEmulator, type StripeEmulator } from '@/stripe-emulator/server';
import type { ApiResult, ServerApi } from '../e2e/helpers/api';
import { startServer, type TestServer } from '../e2e/helpers/server';
import { connectedProject, eventually, historyImported, type ConnectedProject } from '../e2e/helpers/stack';

export interface ReliabilityServerOptions {
  /** Restart at this port: the team's Stripe webhook endpoint points at the server's address. */
  port?: number;
  env?: Record<string, string>;
}

/**
 * A production server on the run's database and Redis. The leases are short, so that what a killed server held
 * (claimed Stripe events, Idempotency-Keys in progress) is taken over within seconds instead of minutes.
 */
export function reliabilityServer({ port, env = {} }: ReliabilityServerOptions = {}): Promise<TestServer> {
  return startServer({
    databaseUrl: process.env.DATABASE_URL,
    port,
    env: {
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      NEXT_MANUAL_SIG_HANDLE: 'true',
      BILLSTACK_WORKER_LEASE_MS: '3000',
      BILLSTACK_IDEMPOTENCY_LEASE_MS: '2000',
      ...env,
    },
  });
}

export async function untilReady(server: TestServer): Promise<void> {
  await eventually(server, async () => ((await fetch(`${server.baseURL}/api/health/ready`)).status === 200 ? true : undefined), 'readiness');
}

/**
 * `kill -9` of the server, then a new one at the same address on the same database. Answers it and the time
 * from the kill until it was ready again.
 */
export async function crashAndRestart(server: TestServer, options: ReliabilityServerOptions = {}) {
  const killedAt = Date.now();
  await server.crash();
  await server.stop();
  const restarted = await reliabilityServer({ ...options, port: Number(new URL(server.baseURL).port) });
  await untilReady(restarted);
  return { server: restarted, recoveredMs: Date.now() - killedAt };
}

/**
 * The emulator for one file, pointed at by STRIPE_API_BASE (the servers inherit it). Its webhook retries span
 * about half a minute, long enough to reach a server restarted after a crash, as Stripe's days-long ones do.
 */
export function useEmulator(): () => StripeEmulator {
  let emulator: StripeEmulator | undefined;
  beforeAll(async () => {
    emulator = await startStripeEmulator({ port: 0, webhookRetryDelaysMs: [1000, 2000, 4000, 8000, 15_000] });
    process.env.STRIPE_API_BASE = emulator.url;
  });
  afterAll(async () => {
    await emulator?.close();
    delete process.env.STRIPE_API_BASE;
  });
  return () => emulator!;
}

export interface ReliabilityProject {
  emulator: StripeEmulator;
  /** The Stripe account's key (a fresh account), and the SDK on it. */
  secretKey: string;
  stripe: Stripe;
  /** The file's server: a test that replaces it (a restart after a crash) puts the new one here. */
  server: TestServer;
  project: ConnectedProject;
  /** The project's API key client; a restarted server listens at the same address. */
  api(): ServerApi;
}

/**
 * What a reliability file stands on, filled in `beforeAll` (as useStack): the emulator, a production server, an
 * owner's team (named `team`) connected to a fresh Stripe account with a project and an API key, its history
 * import done and the emulator idle. The server in `server` at the end is stopped after the file.
 */
export function useReliabilityProject(team: string, serverOptions: ReliabilityServerOptions = {}): ReliabilityProject {
  const emulator = useEmulator();
  const secretKey = `sk_test_${randomBytes(16).toString('hex')}`;
  const world = { secretKey, api: () => world.project.api } as ReliabilityProject;
  beforeAll(async () => {
    world.emulator = emulator();
    world.stripe = stripeClient(secretKey);
    world.server = await reliabilityServer(serverOptions);
    world.project = await connectedProject(world.server, { team, secretKey });
    await historyImported(world.server, world.project);
    await world.emulator.idle();
  });
  afterAll(async () => {
    await world.server?.stop();
  });
  return world;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Whether a client retries an answer: the server gone, a key still in progress, a rate limit, a server error. */
const retryable = (result: ApiResult | null) =>
  result === null || result.status === 429 || result.status >= 500 || (result.status === 409 && /in progress/.test(result.body?.error ?? ''));

/**
 * One POST sent with its Idempotency-Key until it is answered for good, as a client retries a request whose
 * answer it lost or that was refused for now (`answers`: each attempt's, null when the server was gone). `api()` is
 * read on each attempt: the server may be replaced.
 */
export async function postUntilDone(api: () => ServerApi, path: string, body: unknown, key: string, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  const answers: (ApiResult | null)[] = [];
  for (let attempts = 1; ; attempts++) {
    const result = await api()
      .request('POST', path, body, { 'idempotency-key': key })
      .catch(() => null);
    answers.push(result);
    if (!retryable(result)) return { result: result!, attempts, answers };
    if (Date.now() > deadline) throw new Error(`POST ${path} still answered ${JSON.stringify(result)} after ${attempts} attempts`);
    await sleep(250);
  }
}

/** The project's live customer rows with this email. */
export async function customerRows(projectId: string, email: string) {
  const db = await getDb();
  return db
    .select()
    .from(customers)
    .where(and(eq(customers.projectId, projectId), eq(customers.email, email), isNull(customers.deletedAt)));
}

/**
 * A customer BillStack was asked to create exists once: one Stripe customer with the email, one live row
 * pointing at it.
 */
export async function expectOneCustomer(stripe: Stripe, projectId: string, email: string) {
  const inStripe = (await stripe.customers.list({ email })).data;
  expect(inStripe).toHaveLength(1);
  expect((await customerRows(projectId, email)).map((row) => row.stripeCustomerId)).toEqual([inStripe[0].id]);
  return inStripe[0];
}

/**
 * No orphan row, no duplicate: every live customer row of the project has its Stripe customer, and every Stripe
 * customer of the account with an email has one row.
 */
export async function expectCustomersMatchStripe(stripe: Stripe, projectId: string) {
  const inStripe: Stripe.Customer[] = [];
  for await (const customer of stripe.customers.list({ limit: 100 })) if (customer.email) inStripe.push(customer);
  const db = await getDb();
  const rows = await db.select().from(customers).where(and(eq(customers.projectId, projectId), isNull(customers.deletedAt)));
  expect(rows.map((row) => row.stripeCustomerId).sort()).toEqual(inStripe.map((customer) => customer.id).sort());
}

/** Appends a measured figure to the run's list (printed at the end by figures-setup.ts). */
export function recordFigure(suite: string, name: string, value: string): void {
  fs.appendFileSync(process.env.BILLSTACK_RELIABILITY_FIGURES!, `${JSON.stringify({ suite, name, value })}\n`);
}
