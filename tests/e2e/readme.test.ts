// The README's "Try the API" session, run as written against a production server seeded as `npm run dev` seeds it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeEmulator, type StripeEmulator } from '@/stripe-emulator/server';
import { seedDemo } from '../../scripts/seed-demo';
import { startServer, type TestServer } from './helpers/server';

let emulator: StripeEmulator;
let server: TestServer;

beforeAll(async () => {
  emulator = await startStripeEmulator({ port: 0 });
  process.env.STRIPE_API_BASE = emulator.url;
  server = await startServer();
  // The quickstart's lists are exact, so the demo year of analytics history is left out.
  await seedDemo(server.baseURL, { stripe: true, history: false, outbox: path.join(server.dataDir, 'outbox.jsonl') });
});

afterAll(async () => {
  await server?.stop();
  await emulator?.close();
  delete process.env.STRIPE_API_BASE;
});

function quickstartScript(): string {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Try the API'));
  const block = section.match(/```sh\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error('README has no "Try the API" shell block');
  return block;
}

describe('README quickstart', () => {
  it('creates a key, a customer, a product and a monthly price, and lists them', async () => {
    const script = quickstartScript();
    expect(script).toContain('BASE=http://localhost:3000');
    const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'billstack-readme-'));
    // Only the address differs from what a newcomer runs. Asynchronously: the emulator lives in this process.
    const { stdout: output } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script.replace('BASE=http://localhost:3000', `BASE=${server.baseURL}`)], {
      cwd: workdir,
      encoding: 'utf8',
    });
    const answers = output.split(/(?<=})(?={)/).map((chunk) => JSON.parse(chunk));
    const [customer, price, customers, products, prices] = answers;
    expect(customer.customer).toMatchObject({ email: 'jane@example.com', name: 'Jane Doe', stripeCustomerId: expect.stringMatching(/^cus_/) });
    expect(price.price).toMatchObject({ unitAmount: 2900, currency: 'usd', interval: 'month', intervalCount: 1 });
    // Newest first, after the demo subscriber and plan that `npm run dev` seeds.
    expect(customers).toMatchObject({ total: 2, customers: [{ email: 'jane@example.com' }, { email: 'subscriber@billstack.local' }] });
    expect(products).toMatchObject({ total: 2, products: [{ name: 'Pro', active: true }, { name: 'Starter' }] });
    expect(prices).toMatchObject({ total: 2, prices: [{ id: price.price.id, productId: products.products[0].id }, { unitAmount: 900 }] });
  });
});

describe('demo seeding', () => {
  it('logs no warning (no failed sign-in) on a fresh start, and a second start signs in and changes nothing', async () => {
    const seeded = { stripe: true, history: false, outbox: path.join(server.dataDir, 'outbox.jsonl') };
    expect(await seedDemo(server.baseURL, seeded)).toMatch(/^Sign in as /);
    expect(server.output()).not.toMatch(/WARN|ERROR|User not found|Invalid password/);
  });
});
