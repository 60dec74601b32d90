// The customer portal's plan switch in Chromium against the production server: an upgrade billed at once
// after its preview, then a downgrade that waits for the period end (the project's default plan-change rules).
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '@/components/format';
import type { ServerApi } from './helpers/api';
import { connectedProject, eventually, useStack } from './helpers/stack';

const screenshotPath = '/tmp/billstack-e2e-portal-plan-change.png';

const stack = useStack();
let api: ServerApi;
let projectPath = '';

beforeAll(async () => {
  ({ api, projectPath } = await connectedProject(stack.server));
});

describe('the portal plan switch', () => {
  it('previews and confirms an upgrade billed now, then schedules a downgrade for the period end', async () => {
    const { product } = await api.expect(201, 'POST', `${projectPath}/products`, { name: 'Acme' });
    const price = (body: object) => api.expect(201, 'POST', `${projectPath}/products/${product.id}/prices`, { interval: 'month', ...body });
    const { price: basic } = await price({ unitAmount: 1000, currency: 'usd' });
    const { price: pro } = await price({ unitAmount: 3000, currency: 'usd' });
    // Another currency cannot be on the same subscription: the portal does not offer it.
    await price({ unitAmount: 2500, currency: 'eur' });

    const page = await stack.browser.newPage({ viewport: { width: 1100, height: 900 } });
    const successUrl = `${stack.server.baseURL}/api/health`;
    const { checkout } = await api.expect(201, 'POST', `${projectPath}/checkout`, {
      customerEmail: `customer-${Date.now()}@example.com`,
      priceId: basic.id,
      successUrl,
      cancelUrl: `${stack.server.baseURL}/api/health?canceled=1`,
    });
    await page.goto(checkout.url);
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL((url) => url.href.startsWith(successUrl));
    const subscription = await eventually(stack.server, async () => {
      const { subscriptions } = await api.expect(200, 'GET', `${projectPath}/subscriptions`);
      return subscriptions.find((candidate: { status: string }) => candidate.status === 'active');
    }, 'the subscription to arrive through the webhooks as active');
    const renewsOn = formatDate(subscription.currentPeriodEnd);

    const { portal } = await api.expect(201, 'POST', `${projectPath}/portal`, { customerId: subscription.customerId });
    await page.goto(portal.url);
    await page.getByRole('heading', { name: 'Acme · $10.00 / month', level: 3 }).waitFor();

    // Upgrade: the project's default bills the prorated difference at once. Moments after paying, that is
    // the whole month's difference: 30 USD less the 10 USD credit.
    await page.getByRole('button', { name: 'Change plan' }).click();
    const choices = page.getByRole('group', { name: 'Choose a plan' }).getByRole('radio');
    expect(await choices.count()).toBe(1);
    await page.getByRole('radio', { name: 'Acme · $30.00 / month' }).check();
    const summary = page.getByRole('definition');
    await page.getByText('Charged now', { exact: true }).waitFor();
    expect(await summary.allTextContents()).toEqual(['Now', '$20.00', '$30.00']);
    await page.getByRole('button', { name: 'Confirm change' }).click();
    await page.getByRole('heading', { name: 'Acme · $30.00 / month', level: 3 }).waitFor();
    const { subscription: upgraded } = await api.expect(200, 'GET', `${projectPath}/subscriptions/${subscription.id}`);
    expect(upgraded).toMatchObject({ items: [{ priceId: pro.id, quantity: 1 }], pendingChange: null });
    await eventually(stack.server, async () => {
      const { invoices } = await api.expect(200, 'GET', `${projectPath}/customers/${subscription.customerId}/invoices`);
      return invoices.find((invoice: { amountPaid: number }) => invoice.amountPaid === 2000);
    }, 'the upgrade invoice to be paid');

    // Downgrade: the project's default waits for the period end, and the page says so.
    await page.getByRole('button', { name: 'Change plan' }).click();
    await page.getByRole('radio', { name: 'Acme · $10.00 / month' }).check();
    await page.getByText(`On ${renewsOn}`, { exact: true }).waitFor();
    expect(await summary.allTextContents()).toEqual([`On ${renewsOn}`, '$0.00', '$10.00']);
    await page.getByRole('button', { name: 'Confirm change' }).click();
    await page.getByText(`Changes to Acme · $10.00 / month on ${renewsOn}`).waitFor();
    await page.getByRole('heading', { name: 'Acme · $30.00 / month', level: 3 }).waitFor();
    await page.screenshot({ path: screenshotPath, fullPage: true });
    const { subscription: downgrading } = await api.expect(200, 'GET', `${projectPath}/subscriptions/${subscription.id}`);
    expect(downgrading.pendingChange).toEqual({
      items: [{ priceId: basic.id, stripePriceId: basic.stripePriceId, quantity: 1 }],
      effectiveAt: subscription.currentPeriodEnd,
    });
    await page.close();
  });
});
