// The API reference page renders the OpenAPI document in Chromium under the app's page policy, loading nothing
// from another origin (no CDN, no web fonts), with a screenshot in test-results/.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './helpers/browser';
import { startServer, type TestServer } from './helpers/server';

const screenshots = path.resolve('test-results');
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(screenshots, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('/docs/api', () => {
  it('renders every section of the document from this origin only, within the page policy', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const elsewhere: string[] = [];
    const refused: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== server.baseURL) elsewhere.push(request.url());
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });

    const res = await page.goto(`${server.baseURL}/docs/api`);
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { name: 'BillStack API', exact: true }).waitFor({ timeout: 30_000 });
    for (const section of ['Customers', 'Products & prices', 'Subscriptions', 'Analytics', 'Referrals', 'Customer portal']) {
      await expect(page.getByText(section, { exact: true }).first().isVisible()).resolves.toBe(true);
    }
    await page.getByText('Customers', { exact: true }).first().click();
    await page.getByText('Create a customer (and its Stripe customer)').first().click();
    await page.getByText('customers:write').first().waitFor();
    await page.getByText('"pc_a1b2c3d4"').first().waitFor();
    await page.screenshot({ path: path.join(screenshots, 'api-reference.png') });

    expect(elsewhere).toEqual([]);
    expect(refused).toEqual([]);
  });
});

describe('a path no endpoint serves', () => {
  it('answers the JSON 404 of the API under next start, whatever the method', async () => {
    // Outside /teams: under it, a request without credentials gets the middleware's JSON 401 first.
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await fetch(`${server.baseURL}/api/billstack/gizmos/1`, { method });
      expect([method, res.status, res.headers.get('content-type')]).toEqual([method, 404, expect.stringMatching(/^application\/json/)]);
      expect(await res.json()).toEqual({ error: 'Endpoint not found', code: 'endpoint_not_found' });
    }
  });
});
