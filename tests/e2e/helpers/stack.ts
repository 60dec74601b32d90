// What most browser tests stand on: a Stripe emulator, the production server talking to it, Chromium, and (for
// those that need one) an owner's team connected to the emulator with a project and an API key.
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startStripeEmulator, type StripeEmulator } from '@/stripe-emulator/server';
import { serverApi, signUpOwner, type ServerApi } from './api';
import { launchBrowser } from './browser';
import { startServer, type TestServer } from './server';

export interface Stack {
  emulator: StripeEmulator;
  server: TestServer;
  browser: Browser;
}

/**
 * Starts the stack before the file's tests and stops it after; the returned object is filled in `beforeAll`.
 * The server inherits STRIPE_API_BASE, so its Stripe client talks to the emulator, and a team connected through
 * the server registers the server's own origin as its webhook endpoint, so the emulator's webhooks reach it.
 */
export function useStack(): Stack {
  const stack = {} as Stack;
  beforeAll(async () => {
    stack.emulator = await startStripeEmulator({ port: 0 });
    process.env.STRIPE_API_BASE = stack.emulator.url;
    stack.server = await startServer();
    stack.browser = await launchBrowser();
  });
  afterAll(async () => {
    await stack.browser?.close();
    await stack.server?.stop();
    await stack.emulator?.close();
    delete process.env.STRIPE_API_BASE;
  });
  return stack;
}

export interface ConnectedProject {
  owner: ServerApi;
  teamId: string;
  projectId: string;
  /** An API key with every scope, as a SaaS backend holds. */
  api: ServerApi;
  /** That key itself, for clients of other servers. */
  apiKey: string;
  /** `/api/billstack/teams/{teamId}/projects/{projectId}` */
  projectPath: string;
  /** `/teams/{teamId}/projects/{projectId}`, the dashboard page. */
  projectPage: string;
}

/** A new owner, their team connected to the emulator (a fresh account unless `secretKey` is given) and a project. */
export async function connectedProject(
  server: TestServer,
  { email = `owner-${Date.now()}@example.com`, team = 'Acme', secretKey = `sk_test_${randomBytes(16).toString('hex')}` } = {},
): Promise<ConnectedProject> {
  const owner = await signUpOwner(server.baseURL, email);
  const { team: created } = await owner.expect(201, 'POST', '/api/billstack/teams', { name: team });
  const { project } = await owner.expect(201, 'POST', `/api/billstack/teams/${created.id}/projects`, { name: 'Storefront' });
  await owner.expect(201, 'POST', `/api/billstack/teams/${created.id}/stripe`, { secretKey });
  const { key } = await owner.expect(201, 'POST', `/api/billstack/teams/${created.id}/api-keys`, { name: 'backend', projectIds: 'all', scopes: ['*'] });
  return {
    owner,
    teamId: created.id,
    projectId: project.id,
    api: serverApi(server.baseURL, { authorization: `Bearer ${key}` }),
    apiKey: key,
    projectPath: `/api/billstack/teams/${created.id}/projects/${project.id}`,
    projectPage: `/teams/${created.id}/projects/${project.id}`,
  };
}

/** Polls until `check` returns a value, so a test waits for webhooks without fixed sleeps. */
export async function eventually<T>(server: TestServer, check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}\n${server.output().slice(-2000)}`);
}

/** Waits for the history import that connecting Stripe started: its Stripe calls would race a test's (and take its faults). */
export async function historyImported(server: TestServer, project: ConnectedProject): Promise<void> {
  await eventually(
    server,
    async () => ((await project.api.expect(200, 'GET', `${project.projectPath}/sync`)).import?.status === 'running' ? undefined : true),
    'the history import',
  );
}
