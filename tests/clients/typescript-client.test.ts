// The typed client (clients/typescript) against the API served over HTTP: the README's quickstart through it,
// its retries with one Idempotency-Key, and its types, which refuse an unknown field at compile time.
import { count, eq } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { customers } from '@/db/schema';
import { clientSchemaSource } from '@/clients/typescript/generate';
import { createBillStackClient, retryingFetch } from '@/clients/typescript/src';
import { useApiServer } from '../helpers/api-server';
import { uniqueEmail } from '../helpers/fixtures';
import { useStripeEmulator } from '../helpers/stripe';
import { buildWorld, issueApiKey, type World } from '../helpers/world';

useStripeEmulator();
const server = useApiServer();
let world: World;
let apiKey: string;

beforeAll(async () => {
  world = await buildWorld();
  apiKey = (await issueApiKey(world.owner, world.team.id)).key;
});

const client = (options: Partial<Parameters<typeof createBillStackClient>[0]> = {}) =>
  createBillStackClient({ baseUrl: server(), teamId: world.team.id, projectId: world.project.id, apiKey, ...options });

describe('the TypeScript client', () => {
  it("runs the README's quickstart: a customer, a product and its monthly price, then the lists", async () => {
    const billstack = client();
    const email = uniqueEmail('quickstart');

    const customer = await billstack.project.POST('/customers', { body: { email, name: 'Jane Doe' } });
    const product = await billstack.project.POST('/products', { body: { name: 'Pro' } });
    const price = await billstack.project.POST('/products/{productId}/prices', {
      params: { path: { productId: product.data!.product.id } },
      body: { unitAmount: 2900, currency: 'usd', interval: 'month' },
    });

    expect(customer.response.status).toBe(201);
    expect(customer.data!.customer).toMatchObject({ email, name: 'Jane Doe' });
    expect(price.data!.price).toMatchObject({ productId: product.data!.product.id, unitAmount: 2900, currency: 'usd', interval: 'month' });
    const listed = await billstack.project.GET('/customers', { params: { query: { limit: 10 } } });
    expect(listed.data!.customers.map((c) => c.email)).toEqual([email]);
    expect((await billstack.project.GET('/products')).data!.products.map((p) => p.name)).toEqual(['Pro']);
    expect((await billstack.project.GET('/prices')).data!.prices.map((p) => p.id)).toEqual([price.data!.price.id]);
  });

  it('answers an error as the typed `{error}` body', async () => {
    const { data, error, response } = await client().project.GET('/customers/{customerId}', { params: { path: { customerId: 'pc_missing' } } });

    expect(response.status).toBe(404);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ error: 'Customer not found' });
  });

  it('retries a POST whose answer was lost with the same Idempotency-Key, so the customer is created once', async () => {
    const keys: string[] = [];
    let attempts = 0;
    // The first attempt reaches BillStack, then the answer is lost on the way back; the second gets a 503.
    const flaky = async (request: Request) => {
      attempts += 1;
      keys.push(request.headers.get('idempotency-key') ?? '');
      const response = await fetch(request);
      if (attempts === 1) throw new TypeError('fetch failed');
      if (attempts === 2) return new Response('{"error":"Service unavailable"}', { status: 503, headers: { 'retry-after': '0' } });
      return response;
    };
    const email = uniqueEmail('retried');

    const { data, response } = await client({ fetch: flaky, baseDelayMs: 1 }).project.POST('/customers', { body: { email } });

    expect(attempts).toBe(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.status).toBe(201);
    expect(data!.customer.email).toBe(email);
    const [{ rows }] = await (await getDb()).select({ rows: count() }).from(customers).where(eq(customers.email, email));
    expect(rows).toBe(1);
  });

  it('waits as Retry-After says on a 429, and gives up after its retries', async () => {
    const waits: number[] = [];
    const limited = async () => new Response('{"error":"Rate limit exceeded"}', { status: 429, headers: { 'retry-after': '2' } });
    const retrying = retryingFetch({ retries: 2, fetch: limited, sleep: async (ms) => void waits.push(ms) });

    const response = await retrying(new Request('http://billstack.test/x'));

    expect(response.status).toBe(429);
    expect(waits).toEqual([2000, 2000]);
  });

  it('never retries a POST it cannot key (endpoints outside a project)', async () => {
    let attempts = 0;
    const down = async () => {
      attempts += 1;
      return new Response('{}', { status: 503 });
    };
    const response = await retryingFetch({ fetch: down, sleep: async () => {} }, false)(new Request('http://billstack.test/x', { method: 'POST', body: '{}' }));

    expect(response.status).toBe(503);
    expect(attempts).toBe(1);
  });

  it('refuses an unknown body field at compile time', () => {
    // Never sent: the check is tsc's (`npx tsc --noEmit -p .`), which fails if this call is accepted.
    const typeOnly = (billstack: ReturnType<typeof client>) =>
      // @ts-expect-error `plan` is not a field of the customer create body
      billstack.project.POST('/customers', { body: { email: 'jane@example.com', plan: 'pro' } });
    expect(typeof typeOnly).toBe('function');
  });

  it('ships the types generated from the current document (npm run client:generate)', async () => {
    const committed = fs.readFileSync(path.join(process.cwd(), 'clients/typescript/src/schema.ts'), 'utf8');
    expect(committed).toBe(await clientSchemaSource());
  });
});
