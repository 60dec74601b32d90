// Graceful shutdown of the production server (`npm start` sets NEXT_MANUAL_SIG_HANDLE, as here): on SIGTERM a
// request in flight (its Stripe call lagging) still completes, a new request is refused with 503, the process
// exits 0 after, and its embedded database opens cleanly with the write in it and no event left mid-apply.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeEmulator, type StripeEmulator } from '@/stripe-emulator/server';
import { connectedProject, historyImported, type ConnectedProject } from './helpers/stack';
import { startServer, type TestServer } from './helpers/server';

let emulator: StripeEmulator;
let server: TestServer;
let project: ConnectedProject;
const secretKey = `sk_test_${randomBytes(16).toString('hex')}`;

beforeAll(async () => {
  emulator = await startStripeEmulator({ port: 0 });
  process.env.STRIPE_API_BASE = emulator.url;
  server = await startServer({ env: { NEXT_MANUAL_SIG_HANDLE: 'true' } });
  project = await connectedProject(server, { team: 'Shutdown Inc', secretKey });
  await historyImported(server, project);
  await emulator.idle();
});

afterAll(async () => {
  await server?.stop();
  await emulator?.close();
  delete process.env.STRIPE_API_BASE;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SIGTERM', () => {
  it('finishes the request in flight, refuses new ones, closes the database and exits 0', async () => {
    // Every Stripe call of the next few lags, the customer creation's among them.
    emulator.injectFaults(secretKey, { count: 5, delayMs: 2_500 });
    let answered = false;
    const creation = project.api.request('POST', `${project.projectPath}/customers`, { email: 'in-flight@example.com', name: 'In Flight' }).finally(() => {
      answered = true;
    });
    await sleep(700);
    expect(answered).toBe(false);

    const exit = server.terminate('SIGTERM');
    await sleep(300);
    const refused = await fetch(`${server.baseURL}/api/health`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({ error: 'Server is shutting down', code: 'service_unavailable' });

    const created = await creation;
    expect(created).toMatchObject({ status: 201, body: { customer: { email: 'in-flight@example.com', stripeCustomerId: expect.stringMatching(/^cus_/) } } });
    expect(await exit).toEqual({ code: 0, signal: null });

    const db = new PGlite(path.join(server.dataDir, 'pglite'));
    try {
      const { rows: customers } = await db.query<{ email: string }>("select email from customers where email = 'in-flight@example.com'");
      expect(customers).toHaveLength(1);
      const { rows: midApply } = await db.query("select id from stripe_events where status = 'processing'");
      expect(midApply).toEqual([]);
    } finally {
      await db.close();
    }
  }, 90_000);
});
