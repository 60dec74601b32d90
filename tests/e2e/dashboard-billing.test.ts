// Customers, subscriptions and invoices in the dashboard, in Chromium, entirely through the browser: create a
// product with prices and a customer, send a checkout link, pay on the emulator's checkout page, then see the
// subscription and its invoice, cancel at the period end, resume, change plan after a preview, issue a portal
// link, and cancel now; each page is checked by axe and at phone width, with a screenshot.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerApi } from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';
import { overflowing, saveScreenshot, signedIn } from './helpers/pages';
import { connectedProject, eventually, useStack } from './helpers/stack';

const stack = useStack();
const email = `billing-${Date.now()}@example.com`;
const customerEmail = `jane-${Date.now()}@example.com`;
let api: ServerApi;
let owner: ServerApi;
let teamId = '';
let projectPath = '';
let projectPage = '';
let customerPage = '';
let subscriptionPage = '';
let subscriptionId = '';
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ api, owner, teamId, projectPath, projectPage } = await connectedProject(stack.server, { email, team: 'Billing Ltd' }));
  ({ context, page } = await signedIn(stack, email, 1280));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.server.baseURL });
});

afterAll(async () => {
  await context?.close();
});

async function checkPage(target: Page, screenshot: string) {
  await saveScreenshot(target, screenshot);
  expect(await seriousAxeViolations(target)).toEqual([]);
  expect(await overflowing(target)).toEqual([]);
}

async function subscription() {
  return (await api.expect(200, 'GET', `${projectPath}/subscriptions/${subscriptionId}`)).subscription;
}

describe('billing in the dashboard, from product to cancellation', () => {
  it('creates a product with two prices and a customer, refusing a bad and a taken email', async () => {
    await page.goto(`${projectPage}/products`);
    const product = page.getByRole('form', { name: 'New product' });
    await product.getByLabel('Name').fill('Team plan');
    await product.getByRole('button', { name: 'Create product' }).click();
    await page.waitForURL(/\/products\/pp_/);
    const price = page.getByRole('form', { name: 'Add a price' });
    for (const amount of ['49.00', '99.00']) {
      await price.getByLabel('Amount').fill(amount);
      await price.getByRole('button', { name: 'Add price' }).click();
      await price.getByRole('status').getByText(`Added $${amount} every month.`).waitFor();
    }

    await page.goto(`${projectPage}/customers`);
    const form = page.getByRole('form', { name: 'New customer' });
    await form.getByLabel('Email').fill('jane');
    await form.getByRole('button', { name: 'Create customer' }).click();
    await form.getByText('Enter an address such as jane@example.com').waitFor();
    await form.getByLabel('Email').fill(customerEmail);
    await form.getByLabel('Name (optional)').fill('Jane Doe');
    await form.getByRole('button', { name: 'Create customer' }).click();
    await page.waitForURL(/\/customers\/pc_[0-9a-zA-Z]+\?created=1$/);
    customerPage = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: 'Jane Doe', level: 1 }).waitFor();
    await page.getByRole('status').getByText('Customer created, in Stripe too.').waitFor();
    const { customers } = await api.expect(200, 'GET', `${projectPath}/customers?email=${encodeURIComponent(customerEmail)}`);
    expect(customers).toMatchObject([{ email: customerEmail, name: 'Jane Doe', stripeCustomerId: expect.stringMatching(/^cus_/) }]);
    await page.getByText(`Stripe ${customers[0].stripeCustomerId}`).waitFor();

    // The server's refusal is shown as the API words it.
    await page.goto(`${projectPage}/customers`);
    await form.getByLabel('Email').fill(customerEmail.toUpperCase());
    await form.getByRole('button', { name: 'Create customer' }).click();
    await form.getByRole('alert').getByText(`A customer with email ${customerEmail.toUpperCase()} already exists in this project`).waitFor();
  });

  it('sends a create again after a dropped connection without making it twice', async () => {
    const retried = `retry-${Date.now()}@example.com`;
    let dropped = false;
    // The server gets the first request and answers it, but the browser never sees the answer.
    await page.route('**/api/billstack/**/customers', async (route) => {
      if (dropped || route.request().method() !== 'POST') return route.fallback();
      dropped = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.goto(`${projectPage}/customers`);
    const form = page.getByRole('form', { name: 'New customer' });
    await form.getByLabel('Email').fill(retried);
    await form.getByRole('button', { name: 'Create customer' }).click();
    await form.getByRole('alert').getByText('Could not reach the server; check your connection and try again').waitFor();
    expect((await api.expect(200, 'GET', `${projectPath}/customers?email=${encodeURIComponent(retried)}`)).total).toBe(1);
    await form.getByRole('button', { name: 'Create customer' }).click();
    await page.waitForURL(/\/customers\/pc_[0-9a-zA-Z]+\?created=1$/);
    await page.unroute('**/api/billstack/**/customers');
    const { customers, total } = await api.expect(200, 'GET', `${projectPath}/customers?email=${encodeURIComponent(retried)}`);
    expect(total).toBe(1);
    expect(new URL(page.url()).pathname.endsWith(`/customers/${customers[0].id}`)).toBe(true);
  });

  it('sends a checkout link, pays it on the checkout page, and shows the subscription and its invoice', async () => {
    await page.goto(customerPage);
    await page.getByText('No subscriptions', { exact: true }).waitFor();
    const checkout = page.getByRole('form', { name: 'Checkout link' });
    await checkout.getByLabel('Price').selectOption({ label: 'Team plan · $49.00 / month' });
    await checkout.getByRole('button', { name: 'Create checkout link' }).click();
    const link = checkout.getByLabel('Checkout link', { exact: true });
    await link.waitFor();
    const url = await link.inputValue();
    expect(url.startsWith(`${stack.emulator.url}/`)).toBe(true);
    await checkout.getByText(/^Expires \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\.$/).waitFor();
    await checkout.getByRole('button', { name: 'Copy checkout link' }).click();
    await checkout.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    await page.goto(url);
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL((target) => target.pathname === customerPage);
    const active = await eventually(stack.server, async () => {
      const { subscriptions } = await api.expect(200, 'GET', `${projectPath}/subscriptions`);
      return subscriptions.find((row: { status: string }) => row.status === 'active');
    }, 'the subscription to arrive as active');
    subscriptionId = active.id;
    await eventually(stack.server, async () => {
      const { invoices } = await api.expect(200, 'GET', `${projectPath}/customers/${active.customerId}/invoices`);
      return invoices.find((invoice: { status: string }) => invoice.status === 'paid');
    }, 'the paid invoice');

    await page.reload();
    const subscriptions = page.getByRole('table', { name: 'Subscriptions' });
    const row = subscriptions.getByRole('row').filter({ hasText: subscriptionId });
    await row.getByText('Active').waitFor();
    expect(await row.textContent()).toContain('Team plan $49.00 / month');
    // Each row carries its own actions, named after its subscription.
    await row.getByRole('button', { name: `Cancel at period end (${subscriptionId})` }).waitFor();
    await row.getByRole('button', { name: `Cancel now (${subscriptionId})` }).waitFor();
    const invoice = page.getByRole('table', { name: 'Invoices' }).getByRole('row').filter({ hasText: 'Paid' });
    expect(await invoice.textContent()).toContain('$49.00');
    await checkPage(page, 'dashboard-customer-desktop');

    await row.getByRole('link', { name: subscriptionId }).click();
    await page.waitForURL(`**/subscriptions/${subscriptionId}`);
    subscriptionPage = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: 'Subscription', level: 1 }).waitFor();
    await page.getByText('Renews on').waitFor();
    await page.getByRole('table', { name: 'History' }).getByRole('row').nth(1).waitFor();
    const hosted = page.getByRole('table', { name: 'Invoices' }).getByRole('link').first();
    expect(await hosted.getAttribute('href')).toMatch(new RegExp(`^${stack.emulator.url}/`));
  });

  it('cancels at the period end after saying what happens, then resumes', async () => {
    await page.goto(subscriptionPage);
    const periodEnd = (await subscription()).currentPeriodEnd;
    const endDay = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(periodEnd));
    await page.getByRole('button', { name: 'Cancel at period end' }).click();
    await page.getByText(`The customer keeps access until ${endDay}, then the subscription ends and is not billed again. You can resume it before then.`).waitFor();
    await page.getByRole('button', { name: 'Cancel at period end', exact: true }).click();
    await page.getByRole('status').getByText('The subscription will end at the period end.').waitFor();
    await page.getByText('Cancels on').waitFor();
    expect(await subscription()).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });

    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await page.getByText(`The subscription will renew on ${endDay} and keep billing as before.`).waitFor();
    await page.getByRole('button', { name: 'Resume subscription' }).click();
    await page.getByRole('status').getByText('Subscription resumed: it renews as before.').waitFor();
    await page.getByText('Renews on').waitFor();
    expect(await subscription()).toMatchObject({ status: 'active', cancelAtPeriodEnd: false });
  });

  it('changes the plan after a preview of what is due', async () => {
    await page.goto(subscriptionPage);
    const form = page.getByRole('form', { name: 'Change plan' });
    await form.getByLabel('New price').selectOption({ label: 'Team plan · $99.00 / month' });
    await form.getByLabel('Quantity').fill('0');
    await form.getByRole('button', { name: 'Preview change' }).click();
    await form.getByText('A whole number from 1 to 10000').waitFor();
    await form.getByLabel('Quantity').fill('1');
    await form.getByLabel('When').selectOption('now');
    await form.getByLabel('Proration').selectOption('none');
    await form.getByRole('button', { name: 'Preview change' }).click();
    const preview = page.getByRole('region', { name: 'Plan change preview' });
    await preview.getByText(/^Takes effect now\. Due now: \$0\.00\. Next invoice on .*: \$99\.00\.$/).waitFor();
    await checkPage(page, 'dashboard-subscription-desktop');
    await preview.getByRole('button', { name: 'Confirm plan change' }).click();
    await page.getByRole('status').getByText('Plan changed.').waitFor();
    const { prices } = await api.expect(200, 'GET', `${projectPath}/prices`);
    const pro = prices.find((price: { unitAmount: number }) => price.unitAmount === 9900);
    expect((await subscription()).items).toMatchObject([{ priceId: pro.id, quantity: 1 }]);
    await page.getByText('Team plan $99.00 / month').first().waitFor();
  });

  it('issues a portal link with its expiry', async () => {
    await page.goto(customerPage);
    const portal = page.getByRole('form', { name: 'Portal link' });
    await portal.getByLabel('Valid for').selectOption({ label: '24 hours' });
    await portal.getByRole('button', { name: 'Create portal link' }).click();
    const link = portal.getByLabel('Portal link', { exact: true });
    await link.waitFor();
    expect(await link.inputValue()).toMatch(new RegExp(`^${stack.server.baseURL}/portal/`));
    await portal.getByText(/^Expires .* UTC\.$/).waitFor();
    const portalPage = await context.newPage();
    await portalPage.goto(await link.inputValue());
    await portalPage.getByText(customerEmail).waitFor();
    await portalPage.close();
  });

  it('filters customers, subscriptions and invoices through the URL', async () => {
    await page.goto(`${projectPage}/customers`);
    const search = page.getByRole('search', { name: 'Search customers' });
    await search.getByLabel('Search email or name').fill('jane');
    await search.getByLabel('Subscription').selectOption('true');
    await search.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/q=jane.*hasActiveSubscription=true/);
    await page.getByRole('table', { name: 'Customers' }).getByRole('link', { name: customerEmail }).waitFor();
    await page.goto(`${projectPage}/customers?hasActiveSubscription=false`);
    await page.getByRole('table', { name: 'Customers' }).getByRole('link', { name: /^retry-/ }).waitFor();
    expect(await page.getByRole('link', { name: customerEmail }).count()).toBe(0);
    await page.goto(`${projectPage}/customers?q=nobody-by-this-name`);
    await page.getByText('No customers match').waitFor();
    await page.goto(`${projectPage}/customers?createdFrom=2026-02-02&createdTo=2026-02-01`);
    await page.getByRole('alert').getByText(/“Created to” is not before “Created from”/).waitFor();
    await page.goto(`${projectPage}/customers?createdFrom=2026-13-45`);
    await page.getByRole('alert').getByText(/dates are days such as 2026-01-31/).waitFor();
    await page.goto(`${projectPage}/customers`);
    await checkPage(page, 'dashboard-customers-desktop');

    await page.goto(`${projectPage}/subscriptions`);
    const filters = page.getByRole('search', { name: 'Filter subscriptions' });
    await filters.getByLabel('Status').selectOption('canceled');
    await filters.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No subscriptions match').waitFor();
    await filters.getByLabel('Status').selectOption('active');
    await filters.getByLabel('Price').selectOption({ label: 'Team plan · $99.00 / month' });
    await filters.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/status=active&priceId=pri_/);
    const subscriptionsTable = page.getByRole('table', { name: 'Subscriptions' });
    await subscriptionsTable.getByRole('link', { name: subscriptionId }).waitFor();
    // A sortable header keeps the filters in its link.
    await subscriptionsTable.getByRole('link', { name: 'Period', exact: true }).click();
    await page.waitForURL(/status=active&priceId=pri_[0-9a-zA-Z]+&sort=current_period_end$/);
    await subscriptionsTable.getByRole('columnheader', { name: 'Period', exact: true }).and(page.locator('[aria-sort=ascending]')).waitFor();
    await subscriptionsTable.getByRole('link', { name: subscriptionId }).waitFor();
    await filters.getByLabel('Price').selectOption({ label: 'Team plan · $49.00 / month' });
    await filters.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No subscriptions match').waitFor();
    await page.goto(`${projectPage}/subscriptions`);
    await checkPage(page, 'dashboard-subscriptions-desktop');

    await page.goto(`${projectPage}/invoices`);
    const invoice = page.getByRole('table', { name: 'Invoices' }).getByRole('row').filter({ hasText: customerEmail });
    await invoice.getByText('Paid').first().waitFor();
    await page.getByRole('table', { name: 'Invoices' }).getByRole('link', { name: 'Date', exact: true }).click();
    await page.waitForURL(/\/invoices\?sort=created$/);
    await page.getByRole('columnheader', { name: 'Date', exact: true }).and(page.locator('[aria-sort=ascending]')).waitFor();
    await invoice.getByText('Paid').first().waitFor();
    await page.goto(`${projectPage}/invoices?status=void`);
    await page.getByText('No invoices match').waitFor();
    await page.goto(`${projectPage}/invoices`);
    await checkPage(page, 'dashboard-invoices-desktop');
  });

  it('fits a phone (390 px) on every page, with a long unbroken name', async () => {
    const longEmail = `long-${Date.now()}@example.com`;
    await api.expect(201, 'POST', `${projectPath}/customers`, { email: longEmail, name: 'N'.repeat(200) });
    const phone = await signedIn(stack, email, 390);
    const pages = [
      [`${projectPage}/customers`, 'dashboard-customers-phone'],
      [customerPage, 'dashboard-customer-phone'],
      [`${projectPage}/subscriptions`, 'dashboard-subscriptions-phone'],
      [subscriptionPage, 'dashboard-subscription-phone'],
      [`${projectPage}/invoices`, 'dashboard-invoices-phone'],
    ];
    for (const [path, screenshot] of pages) {
      await phone.page.goto(path);
      await phone.page.getByRole('heading', { level: 1 }).waitFor();
      await checkPage(phone.page, screenshot);
    }
    await phone.page.goto(`${projectPage}/customers`);
    await phone.page.getByRole('link', { name: longEmail }).click();
    await phone.page.getByRole('heading', { name: 'N'.repeat(200), level: 1 }).waitFor();
    expect(await overflowing(phone.page)).toEqual([]);
    await phone.context.close();
  });

  it('cancels now after stating that it cannot be undone', async () => {
    await page.goto(subscriptionPage);
    await page.getByRole('button', { name: 'Cancel now' }).click();
    await page.getByText('The subscription ends immediately: the customer loses access now, is not billed again, and it cannot be resumed.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Cancel immediately' }).click();
    // The actions are gone with the subscription: the page says it ended and what that means.
    await page.getByText(/^This subscription ended on [A-Z][a-z]{2} \d{1,2}, \d{4}: the customer is no longer billed/).waitFor();
    expect((await subscription()).status).toBe('canceled');
    await page.getByText('Canceled', { exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: /^(Resume|Cancel now|Cancel at period end)$/ }).count()).toBe(0);
  });

  it('records every dashboard action in the audit log as the signed-in owner, as the API does', async () => {
    const { events } = await owner.expect(200, 'GET', `/api/billstack/teams/${teamId}/audit-log?limit=100`);
    const byOwner = events.filter((event: { actor: { type: string; label: string } }) => event.actor.type === 'user' && event.actor.label === email);
    const actions = new Set(byOwner.map((event: { action: string }) => event.action));
    for (const action of ['product.created', 'price.created', 'customer.created', 'subscription.cancellation_scheduled', 'subscription.resumed', 'subscription.plan_changed', 'subscription.canceled']) {
      expect(actions).toContain(action);
    }
    const canceled = byOwner.find((event: { action: string }) => event.action === 'subscription.canceled');
    expect(canceled.target).toEqual({ type: 'subscription', id: subscriptionId });
  });
});
