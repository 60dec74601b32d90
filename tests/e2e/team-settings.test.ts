import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeEmulator, type StripeEmulator } from '@/stripe-emulator/server';
import { launchBrowser } from './helpers/browser';
import { startServer, type TestServer } from './helpers/server';

const screenshotPath = '/tmp/billstack-e2e-api-keys.png';

let emulator: StripeEmulator;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  emulator = await startStripeEmulator({ port: 0 });
  // Set before the server starts: it inherits the variable, so connecting talks to the emulator.
  process.env.STRIPE_API_BASE = emulator.url;
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await emulator?.close();
  delete process.env.STRIPE_API_BASE;
});

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

describe('team settings and project lists', () => {
  it('creates, shows once and revokes an API key; connects Stripe; lists the catalog', async () => {
    const context = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();

    await page.goto('/sign-up');
    await page.getByLabel('Name').fill('Ada Owner');
    await page.getByLabel('Email').fill(`settings-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/teams');
    await page.getByLabel('Team name').fill('Acme Billing');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.waitForURL(/\/teams\/team_[0-9a-zA-Z]+$/);
    const teamPath = pathOf(page);
    const teamId = teamPath.split('/').pop()!;
    await page.getByLabel('Project name').fill('Storefront');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('list').getByRole('link', { name: 'Storefront' }).waitFor();

    // API keys, reached from the team nav.
    const teamNav = page.getByRole('navigation', { name: 'Team' });
    await teamNav.getByRole('link', { name: 'API keys' }).click();
    await page.waitForURL(`**${teamPath}/api-keys`);
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    expect(await teamNav.getByRole('link', { name: 'API keys' }).getAttribute('aria-current')).toBe('page');
    await page.getByText('No API keys yet').waitFor();

    await page.getByLabel('Key name').fill('Backend');
    const storefront = page.getByRole('checkbox', { name: 'Storefront' });
    expect(await storefront.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'All projects' }).uncheck();
    await storefront.check();
    await page.getByRole('checkbox', { name: 'customers:read' }).check();
    await page.getByRole('button', { name: 'Create API key' }).click();

    await page.getByText('you will not see it again').waitFor();
    const secret = await page.getByLabel('New API key').inputValue();
    expect(secret).toMatch(/^bs_/);
    const table = page.getByRole('table', { name: 'API keys' });
    const row = table.getByRole('row').filter({ hasText: 'Backend' });
    await row.waitFor();
    expect(await row.getByText('Storefront').count()).toBe(1);
    expect(await row.getByText('customers:read').count()).toBe(1);
    expect(await row.getByText(`${secret.slice(0, 8)}`).count()).toBe(1);
    expect(await page.getByText(secret).count()).toBe(0);
    await page.screenshot({ path: screenshotPath, fullPage: true });

    // The secret is gone after a reload: it was shown once.
    await page.reload();
    expect(await page.getByLabel('New API key').count()).toBe(0);

    await page.getByRole('button', { name: 'Revoke Backend' }).click();
    await page.getByRole('button', { name: 'Confirm revoke' }).click();
    await page.getByText('No API keys yet').waitFor();
    expect(await page.getByRole('table', { name: 'API keys' }).count()).toBe(0);

    // Stripe: not connected, a malformed key is refused with the API's message, a test key connects.
    await teamNav.getByRole('link', { name: 'Stripe' }).click();
    await page.waitForURL(`**${teamPath}/stripe`);
    await page.getByText('Not connected.').waitFor();
    const secretField = page.getByLabel('Stripe secret key');
    expect(await secretField.getAttribute('type')).toBe('password');
    await secretField.fill('pk_test_123');
    await page.getByRole('button', { name: 'Connect' }).click();
    const alert = page.getByRole('main').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Stripe secret key/);

    const stripeKey = `sk_test_${randomBytes(12).toString('hex')}`;
    await secretField.fill(stripeKey);
    await page.getByRole('button', { name: 'Connect' }).click();
    const accountId = emulator.accountId(stripeKey);
    await page.getByText(accountId, { exact: true }).waitFor();
    expect(await page.getByText('Test', { exact: true }).count()).toBe(1);
    expect(await page.getByText('Not connected.').count()).toBe(0);

    // Project lists, with a product and price created through the API on the same session.
    await teamNav.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('list').getByRole('link', { name: 'Storefront' }).click();
    await page.waitForURL(/\/projects\/proj_[0-9a-zA-Z]+$/);
    const projectId = pathOf(page).split('/').pop()!;
    const projectApi = `/api/billstack/teams/${teamId}/projects/${projectId}`;
    const headers = { origin: server.baseURL };
    const productRes = await page.request.post(`${projectApi}/products`, { data: { name: 'Pro plan' }, headers });
    expect(productRes.status()).toBe(201);
    const { product } = await productRes.json();
    const priceRes = await page.request.post(`${projectApi}/products/${product.id}/prices`, {
      data: { unitAmount: 1900, currency: 'usd', interval: 'month' },
      headers,
    });
    expect(priceRes.status()).toBe(201);

    const projectNav = page.getByRole('navigation', { name: 'Project' });
    await projectNav.getByRole('link', { name: 'Products & prices' }).click();
    await page.getByRole('heading', { name: 'Products & prices', level: 1 }).waitFor();
    const productRow = page.getByRole('table', { name: 'Products' }).getByRole('row').filter({ hasText: 'Pro plan' });
    await productRow.getByText('$19.00').waitFor();
    expect(await productRow.textContent()).toContain('/ month');

    await projectNav.getByRole('link', { name: 'Customers' }).click();
    await page.getByText('No customers yet').waitFor();
    await projectNav.getByRole('link', { name: 'Subscriptions' }).click();
    await page.getByText('No subscriptions yet').waitFor();

    // Disconnect asks for confirmation, then the team is back to not connected.
    await page.goto(`${teamPath}/stripe`);
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('button', { name: 'Confirm disconnect' }).click();
    await page.getByText('Not connected.').waitFor();

    await context.close();
  });
});
