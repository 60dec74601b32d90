// The referrals page and the portal's referral panel in Chromium against the production server: the program
// is configured through the page's form, a referral made through the API shows in the tables and the figures,
// and the referrer's portal shows their code with a working copy button. Screenshots at desktop and 390 px
// in test-results/.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServerApi } from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';
import { overflowing, saveScreenshot, signedIn } from './helpers/pages';
import { connectedProject, useStack } from './helpers/stack';

const screenshots = path.resolve('test-results');
const email = `referrals-${Date.now()}@example.com`;
const stack = useStack();
let api: ServerApi;
let projectPage = '';
let projectPath = '';

beforeAll(async () => {
  fs.mkdirSync(screenshots, { recursive: true });
  const project = await connectedProject(stack.server, { email, team: 'Referrals Inc' });
  ({ api, projectPath } = project);
  projectPage = `${project.projectPage}/referrals`;
});

let referrer: { id: string; email: string };
let referee: { id: string; email: string };

describe('the referrals page', () => {
  it('saves the program from its form, then lists the referral and its figures, filtered through the URL', async () => {
    const { context, page } = await signedIn(stack, email, 1280);
    await page.goto(projectPage);
    await page.getByRole('heading', { name: 'Referrals', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Referrals' }).first().waitFor();
    await page.getByLabel('Referrals enabled').check();
    await page.getByLabel('Percent', { exact: true }).fill('15');
    await page.getByLabel('Months', { exact: true }).fill('2');
    await page.getByLabel('Amount (minor units)').fill('800');
    await page.getByLabel('Hold period (days)').fill('14');
    await page.getByRole('button', { name: 'Save program' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const { referralConfig } = await api.expect(200, 'GET', `${projectPath}/referrals/config`);
    expect(referralConfig).toMatchObject({
      enabled: true,
      refereeDiscount: { type: 'percent', value: 15, durationMonths: 2 },
      referrerReward: { type: 'credit', value: 800, currency: 'usd' },
      rewardAfter: 'first_payment',
      attributionDays: 60,
      holdDays: 14,
      maxRedemptionsPerCode: null,
      codeExpiresInDays: null,
    });

    await page.getByLabel('Percent', { exact: true }).fill('150');
    await page.getByRole('button', { name: 'Save program' }).click();
    // The form shows the API's own 400 (Next's route announcer is an empty alert too: filter by the text).
    await page.getByRole('alert').filter({ hasText: 'Invalid body field "refereeDiscount.value": A percent cannot be over 100' }).waitFor();

    ({ customer: referrer } = await api.expect(201, 'POST', `${projectPath}/customers`, { email: `ada-${Date.now()}@example.com` }));
    ({ customer: referee } = await api.expect(201, 'POST', `${projectPath}/customers`, { email: `grace-${Date.now()}@example.com` }));
    await api.expect(201, 'POST', `${projectPath}/referrals/codes`, { customerId: referrer.id, code: 'ADA-FRIENDS' });
    const { referral } = await api.expect(201, 'POST', `${projectPath}/referrals/apply`, { code: 'ada-friends', customerId: referee.id });
    expect(referral.status).toBe('pending');

    await page.goto(projectPage);
    const referrals = page.getByRole('table', { name: 'Referrals' });
    await expect(referrals.getByRole('row').nth(1).textContent()).resolves.toContain(referee.email);
    await expect(referrals.getByRole('row').nth(1).textContent()).resolves.toContain('ADA-FRIENDS');
    const codes = page.getByRole('table', { name: 'Referral codes' });
    await expect(codes.getByRole('row').nth(1).textContent()).resolves.toMatch(/ADA-FRIENDS.*1.*never.*Active/);
    const figures = page.getByRole('region', { name: 'Referral figures' });
    await expect(figures.getByText('Referrals', { exact: true }).locator('xpath=following-sibling::p[1]').textContent()).resolves.toBe('1');
    await expect(figures.getByText('Conversion', { exact: true }).locator('xpath=following-sibling::p[1]').textContent()).resolves.toBe('0.0%');
    await page.screenshot({ path: path.join(screenshots, 'referrals-desktop.png'), fullPage: true });

    await page.getByRole('navigation', { name: 'Filter referrals by status' }).getByRole('link', { name: 'void' }).click();
    await page.waitForURL(/status=void/);
    await page.getByText('No referrals', { exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Filter referrals by status' }).getByRole('link', { name: 'pending' }).click();
    await page.waitForURL(/status=pending/);
    await expect(referrals.getByRole('row').count()).resolves.toBe(2);
    await context.close();
  });

  it("shows each customer's part on their page: the code, who referred them, whom they brought in", async () => {
    const { context, page } = await signedIn(stack, email, 1280);
    const customersPage = projectPage.replace(/\/referrals$/, '/customers');
    await page.goto(`${customersPage}/${referrer.id}`);
    // The Stripe id links to the customer in Stripe's dashboard (test mode: the team connected a test key).
    const { customer: shown } = await api.expect(200, 'GET', `${projectPath}/customers/${referrer.id}`);
    await expect(page.getByRole('link', { name: `Stripe ${shown.stripeCustomerId}` }).getAttribute('href')).resolves.toBe(
      `https://dashboard.stripe.com/test/customers/${shown.stripeCustomerId}`,
    );
    const card = page.getByRole('region', { name: 'Referrals' });
    await expect(card.getByText('ADA-FRIENDS (1 used)').count()).resolves.toBe(1);
    const broughtIn = card.getByRole('table', { name: 'Customers they brought in' });
    await expect(broughtIn.getByRole('row').nth(1).textContent()).resolves.toMatch(new RegExp(`${referee.email}.*ADA-FRIENDS.*pending`, 'i'));
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'customer-referrals-desktop');

    await broughtIn.getByRole('link', { name: referee.email }).click();
    await page.waitForURL(new RegExp(`/customers/${referee.id}$`));
    const referredBy = page.getByRole('region', { name: 'Referrals' });
    await expect(referredBy.textContent()).resolves.toMatch(new RegExp(`Referred by${referrer.email} with ADA-FRIENDS`));
    await context.close();
  });

  it('is readable at phone width (390 px)', async () => {
    const { context, page } = await signedIn(stack, email, 390);
    await page.goto(projectPage);
    await page.getByRole('table', { name: 'Referrals' }).waitFor();
    expect(await overflowing(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, 'referrals-phone.png'), fullPage: true });
    await context.close();
  });
});

describe("the portal's referral panel", () => {
  it.each([
    ['desktop', 1100],
    ['phone', 390],
  ])('shows the customer their code, share link and referrals, and copies the code (%s)', async (name, width) => {
    const { portal } = await api.expect(201, 'POST', `${projectPath}/portal`, { customerId: referrer.id, returnUrl: 'https://shop.example.com/account' });
    const context = await stack.browser.newContext({ viewport: { width, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.server.baseURL });
    const page = await context.newPage();
    await page.goto(portal.url);
    const panel = page.getByRole('region', { name: 'Refer a friend' });
    await expect(panel.getByTestId('referral-code').textContent()).resolves.toBe('ADA-FRIENDS');
    await expect(panel.getByRole('link', { name: 'https://shop.example.com/?ref=ADA-FRIENDS' }).count()).resolves.toBe(1);
    const masked = `g${'•'.repeat(6)}@example.com`;
    await expect(panel.getByRole('list', { name: 'Your referrals' }).textContent()).resolves.toContain(masked);
    await panel.getByRole('button', { name: 'Copy referral code' }).click();
    await panel.getByRole('button', { name: 'Copy referral code' }).filter({ hasText: 'Copied' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe('ADA-FRIENDS');
    expect(await overflowing(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, `referrals-portal-${name}.png`), fullPage: true });
    await context.close();
  });
});
