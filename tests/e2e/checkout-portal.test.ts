import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@/lib/http/ids';
import { signPortalToken } from '@/lib/portal/token';
import type { ServerApi } from './helpers/api';
import { e2eAuthSecret } from './helpers/server';
import { connectedProject, eventually, useStack } from './helpers/stack';

const screenshotPath = '/tmp/billstack-e2e-portal.png';
const refusedScreenshotPath = '/tmp/billstack-e2e-portal-refused.png';

const stack = useStack();
let api: ServerApi;
let projectPath = '';

beforeAll(async () => {
  ({ api, projectPath } = await connectedProject(stack.server));
});

afterAll(() => {
  delete process.env.BETTER_AUTH_SECRET;
});

async function subscribeThroughCheckout(page: Page, email: string) {
  const { product } = await api.expect(201, 'POST', `${projectPath}/products`, { name: 'Pro plan' });
  const { price } = await api.expect(201, 'POST', `${projectPath}/products/${product.id}/prices`, {
    unitAmount: 1900,
    currency: 'usd',
    interval: 'month',
  });
  const successUrl = `${stack.server.baseURL}/api/health`;
  const { checkout } = await api.expect(201, 'POST', `${projectPath}/checkout`, {
    customerEmail: email,
    priceId: price.id,
    successUrl,
    cancelUrl: `${stack.server.baseURL}/api/health?canceled=1`,
  });

  await page.goto(checkout.url);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.waitForURL((url) => url.href.startsWith(successUrl));

  return eventually(stack.server, async () => {
    const { subscriptions } = await api.expect(200, 'GET', `${projectPath}/subscriptions`);
    return subscriptions.find((subscription: { status: string }) => subscription.status === 'active');
  }, 'the subscription to arrive through the webhooks as active');
}

describe('checkout, then the customer portal', () => {
  it('pays in Checkout, then cancels at the period end from the hosted portal and resumes', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1100, height: 900 } });
    const email = `customer-${Date.now()}@example.com`;
    const subscription = await subscribeThroughCheckout(page, email);
    expect(subscription).toMatchObject({ status: 'active', cancelAtPeriodEnd: false });

    const { portal } = await api.expect(201, 'POST', `${projectPath}/portal`, {
      customerId: subscription.customerId,
      returnUrl: 'https://app.example.com/account',
    });
    expect(portal.url).toBe(`${stack.server.baseURL}/portal/${portal.token}`);
    const response = await page.goto(portal.url);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    await page.getByText(email).waitFor();
    const plan = page.getByRole('heading', { name: 'Pro plan · $19.00 / month', level: 3 });
    await plan.waitFor();
    await page.getByText(/^Renews on /).waitFor();
    expect(await page.getByRole('link', { name: '← Back to app.example.com' }).getAttribute('href')).toBe('https://app.example.com/account');
    await page.getByRole('table').getByText('$19.00').waitFor();
    await page.getByRole('table').getByText('Paid').waitFor();

    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    await page.getByText(/stays active until/).waitFor();
    await page.getByRole('button', { name: 'Confirm cancellation' }).click();
    const cancelsOn = page.getByText(/^Cancels on [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    await cancelsOn.waitFor();
    await page.getByRole('button', { name: 'Resume subscription' }).waitFor();
    await page.screenshot({ path: screenshotPath, fullPage: true });

    const { subscription: after } = await api.expect(200, 'GET', `${projectPath}/subscriptions/${subscription.id}`);
    expect(after).toMatchObject({ status: 'active', cancelAtPeriodEnd: true, currentPeriodEnd: subscription.currentPeriodEnd });

    await page.getByRole('button', { name: 'Resume subscription' }).click();
    await page.getByText(/^Renews on /).waitFor();
    await page.getByRole('button', { name: 'Cancel subscription' }).waitFor();
    const { subscription: resumed } = await api.expect(200, 'GET', `${projectPath}/subscriptions/${subscription.id}`);
    expect(resumed.cancelAtPeriodEnd).toBe(false);
    await page.close();
  });

  it("opens Stripe's billing portal from Manage payment methods", async () => {
    const page = await stack.browser.newPage();
    const { subscriptions } = await api.expect(200, 'GET', `${projectPath}/subscriptions`);
    const { portal } = await api.expect(201, 'POST', `${projectPath}/portal`, { customerId: subscriptions[0].customerId });
    await page.goto(portal.url);
    await page.getByRole('button', { name: 'Manage payment methods' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${stack.emulator.url}/billing_portal/`));
    await page.getByRole('heading', { name: 'Billing portal' }).waitFor();
    // Without a returnUrl on the token, Stripe's "Return" comes back to the hosted portal.
    expect(await page.getByRole('link', { name: 'Return' }).getAttribute('href')).toBe(portal.url);
    await page.close();
  });

  it('explains a revoked, an expired and a forged link, offering nothing to press', async () => {
    const page = await stack.browser.newPage();
    const { subscriptions } = await api.expect(200, 'GET', `${projectPath}/subscriptions`);
    const { portal } = await api.expect(201, 'POST', `${projectPath}/portal`, { customerId: subscriptions[0].customerId });
    await api.expect(200, 'DELETE', `${projectPath}/portal/${portal.token}`);
    // Signed with the server's key but already past its expiry: refused on the signature alone.
    process.env.BETTER_AUTH_SECRET = e2eAuthSecret;
    const expired = signPortalToken({ id: newId('portalToken'), expiresAt: new Date(Date.now() - 1000) });
    const links = [
      [portal.token, 'This link has been revoked'],
      [expired, 'This link has expired'],
      [`${portal.token.slice(0, -2)}xx`, 'This link is not valid'],
    ];
    for (const [token, message] of links) {
      await page.goto(`${stack.server.baseURL}/portal/${token}`);
      await page.getByRole('heading', { name: message, level: 1 }).waitFor();
      expect(await page.getByRole('button').count()).toBe(0);
    }
    await page.screenshot({ path: refusedScreenshotPath });
    await page.close();
  });
});
