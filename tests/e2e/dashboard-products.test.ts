// The products & prices pages in Chromium: an owner creates, edits, archives and unarchives a product, adds
// prices typed as money (two-decimal and zero-decimal currencies) and archives one, at desktop and phone widths,
// with an axe check and a screenshot of each page.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServerApi } from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';
import { overflowing, saveScreenshot, signedIn } from './helpers/pages';
import { connectedProject, useStack } from './helpers/stack';

const stack = useStack();
const email = `products-${Date.now()}@example.com`;
let api: ServerApi;
let projectPath = '';
let projectPage = '';
let productPage = '';

beforeAll(async () => {
  ({ api, projectPath, projectPage } = await connectedProject(stack.server, { email, team: 'Catalog Co' }));
});

async function checkPage(page: Page, screenshot: string) {
  await saveScreenshot(page, screenshot);
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(await overflowing(page)).toEqual([]);
}

describe('products & prices in the dashboard', () => {
  it('creates a product after checking the form, then lands on its page', async () => {
    const { context, page } = await signedIn(stack, email, 1280);
    await page.goto(`${projectPage}/products`);
    await page.getByText('No products yet').waitFor();
    const form = page.getByRole('form', { name: 'New product' });
    await form.getByRole('button', { name: 'Create product' }).click();
    await form.getByText('Enter a name').waitFor();
    expect(await form.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Name').fill('Pro');
    await form.getByLabel('Description (optional)').fill('Everything in Starter, and more.');
    await form.getByRole('button', { name: 'Create product' }).click();
    await page.waitForURL(/\/products\/pp_[0-9a-zA-Z]+\?created=1$/);
    productPage = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: 'Pro', level: 1 }).waitFor();
    await page.getByRole('status').getByText('Product created. Add its first price below.').waitFor();
    await page.getByText('No prices yet').waitFor();
    const { products } = await api.expect(200, 'GET', `${projectPath}/products`);
    expect(products).toMatchObject([{ name: 'Pro', description: 'Everything in Starter, and more.', active: true }]);
    await context.close();
  });

  it('adds prices typed as money, refusing what the currency cannot hold, and archives one after asking', async () => {
    const { context, page } = await signedIn(stack, email, 1280);
    await page.goto(productPage);
    const form = page.getByRole('form', { name: 'Add a price' });
    await form.getByLabel('Amount').fill('29.001');
    await form.getByLabel('Bill every').fill('40');
    await form.getByRole('button', { name: 'Add price' }).click();
    await form.getByText('At most 2 decimal places in USD').waitFor();
    await form.getByText('Between 1 and 36').waitFor();
    await form.getByLabel('Amount').fill('29.00');
    await form.getByLabel('Bill every').fill('1');
    await form.getByLabel('Trial days').fill('14');
    await form.getByLabel('Nickname (optional)').fill('Pro monthly');
    await form.getByRole('button', { name: 'Add price' }).click();
    await form.getByRole('status').getByText('Added $29.00 every month.').waitFor();

    await form.getByLabel('Amount').fill('500.5');
    await form.getByLabel('Currency').fill('jpy');
    await form.getByLabel('Billing').selectOption('one_time');
    await form.getByRole('button', { name: 'Add price' }).click();
    await form.getByText('JPY has no decimal places').waitFor();
    await form.getByLabel('Amount').fill('500');
    await form.getByRole('button', { name: 'Add price' }).click();
    await form.getByRole('status').getByText('Added ¥500 one-time.').waitFor();

    const table = page.getByRole('table', { name: 'Prices' });
    const monthly = table.getByRole('row').filter({ hasText: '$29.00' });
    await monthly.getByText('14 days').waitFor();
    expect(await monthly.textContent()).toContain('/ month');
    await table.getByRole('row').filter({ hasText: '¥500' }).getByText('one-time').waitFor();
    const { prices } = await api.expect(200, 'GET', `${projectPath}/prices`);
    expect(prices.map(({ unitAmount, currency, interval, trialDays, nickname }: Record<string, unknown>) => ({ unitAmount, currency, interval, trialDays, nickname }))).toEqual([
      { unitAmount: 500, currency: 'jpy', interval: null, trialDays: null, nickname: null },
      { unitAmount: 2900, currency: 'usd', interval: 'month', trialDays: 14, nickname: 'Pro monthly' },
    ]);

    // By keyboard: the confirmation takes the focus, visibly, and Enter answers it.
    await monthly.getByRole('button', { name: 'Archive price $29.00 / month' }).focus();
    await page.keyboard.press('Enter');
    await monthly.getByText('New checkouts can no longer use $29.00 / month. Existing subscriptions on it keep renewing.').waitFor();
    const confirm = monthly.getByRole('button', { name: 'Archive price', exact: true });
    expect(await confirm.evaluate((button) => button === document.activeElement && getComputedStyle(button).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await monthly.getByRole('status').getByText('Price archived.').waitFor();
    await monthly.getByText('Archived', { exact: true }).waitFor();
    const monthlyId = prices[1].id;
    expect((await api.expect(200, 'GET', `${projectPath}/prices/${monthlyId}`)).price.active).toBe(false);
    await checkPage(page, 'dashboard-product-desktop');
    await context.close();
  });

  it('edits the name and description, archives and unarchives the product, and filters the list by status', async () => {
    const { context, page } = await signedIn(stack, email, 1280);
    await page.goto(productPage);
    const form = page.getByRole('form', { name: 'Edit product' });
    await form.getByLabel('Name').fill(' ');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('Enter a name').waitFor();
    await form.getByLabel('Name').fill('Pro plan');
    await form.getByLabel('Description').fill('');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByRole('status').getByText('Product saved.').waitFor();
    await page.getByRole('heading', { name: 'Pro plan', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Archive product' }).click();
    await page.getByText(/“Pro plan” will be marked archived in Stripe, not for new sales\. Existing subscriptions keep renewing/).waitFor();
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.getByRole('status').getByText('Product archived.').waitFor();
    const { products } = await api.expect(200, 'GET', `${projectPath}/products`);
    expect(products).toMatchObject([{ name: 'Pro plan', description: null, active: false }]);

    await page.goto(`${projectPage}/products?status=active`);
    await page.getByText('No products match').waitFor();
    await page.goto(`${projectPage}/products?status=archived`);
    await page.getByRole('table', { name: 'Products' }).getByRole('link', { name: 'Pro plan' }).click();
    await page.waitForURL(`**${productPage}`);
    await page.getByRole('button', { name: 'Unarchive product' }).click();
    await page.getByRole('button', { name: 'Unarchive', exact: true }).click();
    await page.getByRole('status').getByText('Product unarchived.').waitFor();
    expect((await api.expect(200, 'GET', `${projectPath}/products/${products[0].id}`)).product.active).toBe(true);

    await page.goto(`${projectPage}/products`);
    const filters = page.getByRole('search', { name: 'Filter products' });
    await filters.getByLabel('Status').selectOption('archived');
    await filters.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/status=archived/);
    await page.getByText('No products match').waitFor();
    await filters.getByRole('link', { name: 'Clear' }).click();
    await page.getByRole('table', { name: 'Products' }).getByRole('link', { name: 'Pro plan' }).waitFor();
    await checkPage(page, 'dashboard-products-desktop');
    await context.close();
  });

  it('sorts the list by a column header through the URL, keeping the filter, and the back button restores each order', async () => {
    await api.expect(201, 'POST', `${projectPath}/products`, { name: 'basic' });
    await api.expect(201, 'POST', `${projectPath}/products`, { name: 'Enterprise' });
    const { context, page } = await signedIn(stack, email, 1280);
    await page.goto(`${projectPage}/products?status=active`);
    const table = page.getByRole('table', { name: 'Products' });
    const names = () => table.locator('tbody tr td:first-child a').allTextContents();
    const sortOf = (column: string) => table.getByRole('columnheader', { name: column, exact: true }).getAttribute('aria-sort');
    const shows = async (order: string[], sorted: [string, string]) => {
      await expect.poll(names).toEqual(order);
      expect(await sortOf(sorted[0])).toBe(sorted[1]);
    };
    await shows(['Enterprise', 'basic', 'Pro plan'], ['Created', 'descending']);
    expect(await sortOf('Product')).toBeNull();

    await table.getByRole('link', { name: 'Product', exact: true }).click();
    await page.waitForURL((url) => url.search === '?status=active&sort=name');
    await shows(['basic', 'Enterprise', 'Pro plan'], ['Product', 'ascending']);
    expect(await sortOf('Created')).toBeNull();
    expect(await table.getByRole('columnheader', { name: 'Product', exact: true }).textContent()).toBe('Product↑');
    await table.getByRole('link', { name: 'Product', exact: true }).click();
    await page.waitForURL((url) => url.search === '?status=active&sort=-name');
    await shows(['Pro plan', 'Enterprise', 'basic'], ['Product', 'descending']);
    // Another filter keeps the order.
    const filters = page.getByRole('search', { name: 'Filter products' });
    await filters.getByLabel('Status').selectOption('');
    await filters.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.search === '?status=&sort=-name');
    await shows(['Pro plan', 'Enterprise', 'basic'], ['Product', 'descending']);

    await page.goBack();
    await page.waitForURL((url) => url.search === '?status=active&sort=-name');
    await page.goBack();
    await page.waitForURL((url) => url.search === '?status=active&sort=name');
    await shows(['basic', 'Enterprise', 'Pro plan'], ['Product', 'ascending']);
    await page.goBack();
    await page.waitForURL((url) => url.search === '?status=active');
    await shows(['Enterprise', 'basic', 'Pro plan'], ['Created', 'descending']);
    await checkPage(page, 'dashboard-products-sorted-desktop');
    await context.close();
  });

  it('fits a phone (390 px) with a long unbroken product name, and stays usable there', async () => {
    await api.expect(201, 'POST', `${projectPath}/products`, { name: 'X'.repeat(200) });
    const { context, page } = await signedIn(stack, email, 390);
    await page.goto(`${projectPage}/products`);
    await page.getByRole('link', { name: 'X'.repeat(200) }).waitFor();
    await checkPage(page, 'dashboard-products-phone');
    await page.getByRole('link', { name: 'X'.repeat(200) }).click();
    await page.getByRole('heading', { name: 'X'.repeat(200), level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Add a price' });
    await form.getByLabel('Amount').fill('9.5');
    await form.getByLabel('Interval').selectOption('year');
    await form.getByRole('button', { name: 'Add price' }).click();
    await form.getByRole('status').getByText('Added $9.50 every year.').waitFor();
    await checkPage(page, 'dashboard-product-phone');
    await context.close();
  });
});
