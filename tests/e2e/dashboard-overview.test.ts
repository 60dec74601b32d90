// The project overview, the Stripe page, team settings, CSV export, the 404 page and a read-only member in
// Chromium against `next start` and the emulator: the overview calls for a Stripe connection, then ticks its
// getting-started checklist from real data (a key, a price, a paid checkout) and shows the KPIs, the MRR chart and
// the recent events; the Stripe page shows the registered endpoint and the last event; an owner renames a team and
// deletes it after typing its name; a member sees no button that changes anything; every main page fits 390 px.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeClient } from '@/lib/stripe/client';
import { latestLink } from '../helpers/mail';
import { serverApi, signUpOwner, type ServerApi } from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';
import { overflowing, saveScreenshot, signedIn } from './helpers/pages';
import { eventually, useStack } from './helpers/stack';

const stack = useStack();
const stamp = Date.now();
const email = `overview-${stamp}@example.com`;
const memberEmail = `member-${stamp}@example.com`;
const secretKey = `sk_test_${randomBytes(16).toString('hex')}`;
let owner: ServerApi;
let api: ServerApi;
let teamId = '';
let projectId = '';
let projectPath = '';
let projectPage = '';
let customerPage = '';
let subscriptionPage = '';
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  owner = await signUpOwner(stack.server.baseURL, email);
  ({
    team: { id: teamId },
  } = await owner.expect(201, 'POST', '/api/billstack/teams', { name: 'Overview Co' }));
  ({
    project: { id: projectId },
  } = await owner.expect(201, 'POST', `/api/billstack/teams/${teamId}/projects`, { name: 'Storefront' }));
  projectPath = `/api/billstack/teams/${teamId}/projects/${projectId}`;
  projectPage = `/teams/${teamId}/projects/${projectId}`;
  ({ context, page } = await signedIn(stack, email, 1280));
});

afterAll(async () => {
  await context?.close();
});

async function checkPage(target: Page, screenshot: string) {
  await saveScreenshot(target, screenshot);
  expect(await seriousAxeViolations(target)).toEqual([]);
  expect(await overflowing(target)).toEqual([]);
}

/** The checklist's items as a screen reader reads them: "Connect Stripe (done)". */
async function checklist(target: Page) {
  const items = await target.getByRole('list', { name: 'Getting started' }).getByRole('listitem').allTextContents();
  return items.map((text) => /^✓(.*? \((?:done|to do)\))/.exec(text)?.[1] ?? text);
}

const mutating = /^(create|add|delete|archive|unarchive|cancel|resume|rename|revoke|remove|connect|disconnect|save|retry|rebuild|send|invite|change|preview|sync|rotate|issue|copy|confirm|pay)/i;

describe('the project overview and the Stripe page', () => {
  it('calls for a Stripe connection before anything else, with nothing ticked', async () => {
    await page.goto(projectPage);
    const cta = page.getByRole('region', { name: 'Connect Stripe to start billing' });
    await cta.waitFor();
    expect(await page.getByRole('region', { name: 'Key figures' }).count()).toBe(0);
    await page.getByText('0 of 4 done').waitFor();
    expect(await checklist(page)).toEqual([
      'Connect Stripe (to do)',
      'Create a price (to do)',
      'Create an API key (to do)',
      'Complete a first checkout (to do)',
    ]);
    await page.getByRole('list', { name: 'Getting started' }).getByRole('link', { name: 'Create a price' }).waitFor();
    await page.getByText('No events yet.').waitFor();
    await checkPage(page, 'overview-not-connected-desktop');

    await cta.getByRole('link', { name: 'Connect Stripe' }).click();
    await page.waitForURL(`**/teams/${teamId}/stripe`);
    await page.getByText('Not connected.').waitFor();
    expect(await page.getByRole('heading', { name: 'Webhook endpoint' }).count()).toBe(0);
    await page.getByLabel('Stripe secret key').fill(secretKey);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByText(stack.emulator.accountId(secretKey), { exact: true }).waitFor();

    const [endpoint] = (await stripeClient(secretKey).webhookEndpoints.list()).data;
    expect(endpoint.url).toBe(`${stack.server.baseURL}/api/billstack/webhooks/stripe?team=${teamId}`);
    await page.getByRole('heading', { name: 'Webhook endpoint' }).waitFor();
    await page.getByText(endpoint.id, { exact: true }).waitFor();
    await page.getByText(endpoint.url, { exact: true }).waitFor();
    await page.getByText('Enabled', { exact: true }).waitFor();
    await page.getByText('None received yet').waitFor();
    await checkPage(page, 'stripe-connected-desktop');
  });

  it('ticks the checklist from a key, a price and a paid checkout, then shows the KPIs, the MRR chart and recent events', async () => {
    const { key } = await owner.expect(201, 'POST', `/api/billstack/teams/${teamId}/api-keys`, { name: 'backend', projectIds: [projectId], scopes: ['*'] });
    api = serverApi(stack.server.baseURL, { authorization: `Bearer ${key}` });
    await page.goto(projectPage);
    await page.getByText('2 of 4 done').waitFor();
    expect(await checklist(page)).toEqual([
      'Connect Stripe (done)',
      'Create a price (to do)',
      'Create an API key (done)',
      'Complete a first checkout (to do)',
    ]);

    const { product } = await api.expect(201, 'POST', `${projectPath}/products`, { name: 'Pro plan' });
    const { price } = await api.expect(201, 'POST', `${projectPath}/products/${product.id}/prices`, { unitAmount: 1900, currency: 'usd', interval: 'month' });
    const successUrl = `${stack.server.baseURL}/api/health`;
    const { checkout } = await api.expect(201, 'POST', `${projectPath}/checkout`, {
      customerEmail: `buyer-${stamp}@example.com`,
      priceId: price.id,
      successUrl,
      cancelUrl: successUrl,
    });
    await page.goto(checkout.url);
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL((url) => url.href.startsWith(successUrl));
    const subscription = await eventually(stack.server, async () => {
      const { subscriptions } = await api.expect(200, 'GET', `${projectPath}/subscriptions`);
      return subscriptions.find((row: { status: string }) => row.status === 'active');
    }, 'the subscription to arrive as active');
    customerPage = `${projectPage}/customers/${subscription.customerId}`;
    subscriptionPage = `${projectPage}/subscriptions/${subscription.id}`;
    await eventually(stack.server, async () => {
      const { events } = await owner.expect(200, 'GET', `/api/billstack/teams/${teamId}/webhook-events?type=checkout.session.completed`);
      return events.find((event: { status: string; projectId: string }) => event.status === 'applied' && event.projectId === projectId);
    }, 'the checkout to be applied to the project');

    await page.goto(projectPage);
    await page.getByText('4 of 4 done').waitFor();
    expect(await checklist(page)).toEqual([
      'Connect Stripe (done)',
      'Create a price (done)',
      'Create an API key (done)',
      'Complete a first checkout (done)',
    ]);
    expect(await page.getByRole('region', { name: 'Connect Stripe to start billing' }).count()).toBe(0);
    // The same figures GET analytics/summary serves.
    const { summary } = await api.expect(200, 'GET', `${projectPath}/analytics/summary`);
    expect(summary).toMatchObject({ mrr: 1900, payingCustomers: 1 });
    const figures = page.getByRole('region', { name: 'Key figures' });
    expect(await figures.innerText()).toContain('$19.00');
    expect(await figures.innerText()).toContain('$228.00');
    await page.getByRole('heading', { name: 'MRR, last 12 months' }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    const recent = page.getByRole('list', { name: 'Recent events' }).getByRole('listitem');
    const shown = await recent.count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(5);
    expect(await recent.first().innerText()).toMatch(/\b(applied|ignored|pending|processing|failed)$/);
    await checkPage(page, 'overview-connected-desktop');

    // The Stripe page: the last event received, then an endpoint disabled in Stripe is said to be so.
    await page.goto(`/teams/${teamId}/stripe`);
    const { events } = await owner.expect(200, 'GET', `/api/billstack/teams/${teamId}/webhook-events?limit=1`);
    const card = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Webhook endpoint' }) });
    await card.getByRole('link', { name: events[0].type }).waitFor();
    await card.getByText(`${events[0].receivedAt.replace('T', ' ').slice(0, 19)} UTC`).waitFor();
    await card.getByText(events[0].status, { exact: true }).waitFor();
    const stripe = stripeClient(secretKey);
    const [endpoint] = (await stripe.webhookEndpoints.list()).data;
    await stripe.webhookEndpoints.update(endpoint.id, { disabled: true });
    await page.reload();
    await card.getByText(/^Disabled in Stripe/).waitFor();
    await checkPage(page, 'stripe-disabled-desktop');
    await stripe.webhookEndpoints.update(endpoint.id, { disabled: false });
  });

  it('downloads the filtered customers and subscriptions as CSV', async () => {
    const buyer = `buyer-${stamp}@example.com`;
    await page.goto(`${projectPage}/customers?q=${encodeURIComponent(buyer)}`);
    const [customers] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(customers.suggestedFilename()).toBe('customers.csv');
    const lines = fs.readFileSync(await customers.path(), 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('id,email,name,stripeCustomerId,createdAt');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,${buyer},`);

    await page.goto(`${projectPage}/subscriptions?status=canceled`);
    const [none] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(fs.readFileSync(await none.path(), 'utf8').trim().split('\r\n')).toHaveLength(1);
  });
});

describe('team settings', () => {
  it('renames a team and deletes it only once its name is typed, saying what goes with it', async () => {
    const { team } = await owner.expect(201, 'POST', '/api/billstack/teams', { name: 'Doomed Team' });
    await page.goto(`/teams/${team.id}`);
    await page.getByRole('navigation', { name: 'Team' }).getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(`**/teams/${team.id}/settings`);
    const rename = page.getByRole('form', { name: 'Rename team' });
    await rename.getByLabel('Team name').fill('   ');
    await rename.getByRole('button', { name: 'Rename team' }).click();
    await rename.getByText('Enter a name').waitFor();
    await rename.getByLabel('Team name').fill('Renamed Team');
    await rename.getByRole('button', { name: 'Rename team' }).click();
    await rename.getByRole('status').getByText('Team renamed.').waitFor();
    await page.getByLabel('Renamed Team: Switch team').waitFor();
    expect((await owner.expect(200, 'GET', `/api/billstack/teams/${team.id}`)).team.name).toBe('Renamed Team');

    await page.getByText(/removes all its projects, customers, subscriptions, invoices, API keys, members/).waitFor();
    const remove = page.getByRole('form', { name: 'Delete team' });
    const button = remove.getByRole('button', { name: 'Delete this team' });
    expect(await button.isDisabled()).toBe(true);
    await remove.getByLabel('Type Renamed Team to confirm').fill('Renamed');
    expect(await button.isDisabled()).toBe(true);
    await checkPage(page, 'team-settings-desktop');
    await remove.getByLabel('Type Renamed Team to confirm').fill('Renamed Team');
    await button.click();
    await page.waitForURL('**/teams?deleted=1');
    await page.getByRole('status').getByText('The team was deleted.').waitFor();
    expect(await page.getByRole('link', { name: 'Renamed Team' }).count()).toBe(0);
    expect((await owner.request('GET', `/api/billstack/teams/${team.id}`)).status).toBe(404);
  });
});

describe('a read-only member', () => {
  it('sees the pages but no button that changes anything', async () => {
    const member = await signUpOwner(stack.server.baseURL, memberEmail);
    await owner.expect(201, 'POST', `/api/billstack/teams/${teamId}/members`, { email: memberEmail, role: 'member' });
    const outbox = path.join(stack.server.dataDir, 'outbox.jsonl');
    const verified = await fetch(latestLink(memberEmail, /\/api\/auth\/verify-email\?/, outbox), { redirect: 'manual' });
    expect(verified.status).toBeLessThan(400);
    const token = new URL(latestLink(memberEmail, /\/invitations\//, outbox)).pathname.split('/').pop();
    await member.expect(200, 'POST', `/api/billstack/invitations/${token}/accept`, {});

    const { context: memberContext, page: memberPage } = await signedIn(stack, memberEmail, 1280);
    const teamNav = memberPage.getByRole('navigation', { name: 'Team' });
    for (const [target, screenshot] of [
      [`/teams/${teamId}`, 'member-team'],
      [projectPage, 'member-overview'],
      [`${projectPage}/customers`, 'member-customers'],
      [customerPage, 'member-customer'],
      [`${projectPage}/products`, 'member-products'],
      [`${projectPage}/subscriptions`, 'member-subscriptions'],
      [subscriptionPage, 'member-subscription'],
      [`/teams/${teamId}/members`, 'member-members'],
      [`/teams/${teamId}/settings`, 'member-settings'],
    ]) {
      await memberPage.goto(target);
      await memberPage.getByRole('heading', { level: 1 }).waitFor();
      const buttons = (await memberPage.getByRole('button').allInnerTexts()).map((text) => text.trim());
      expect(buttons.filter((name) => mutating.test(name)), target).toEqual([]);
      expect(await memberPage.getByRole('form').count(), target).toBe(0);
      expect(await teamNav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
      await saveScreenshot(memberPage, screenshot);
    }
    await memberPage.getByText('Only owners and admins can change the settings of Overview Co.').waitFor();
    // The overview names who can connect Stripe rather than offering it; here it is connected, so the figures show.
    await memberPage.goto(projectPage);
    await memberPage.getByRole('region', { name: 'Key figures' }).waitFor();
    await memberContext.close();
  });
});

describe('at phone width and off the map', () => {
  it('fits 390 px on every main page: the header, folded side navigation, wrapped tabs and tables as cards', async () => {
    const phone = await signedIn(stack, email, 390);
    const pages: [string, string][] = [
      ['/teams', 'teams-phone'],
      [`/teams/${teamId}`, 'team-phone'],
      [projectPage, 'overview-phone'],
      [`${projectPage}/customers`, 'customers-phone'],
      [customerPage, 'customer-phone'],
      [`${projectPage}/products`, 'products-phone'],
      [`${projectPage}/subscriptions`, 'subscriptions-phone'],
      [subscriptionPage, 'subscription-phone'],
      [`${projectPage}/invoices`, 'invoices-phone'],
      [`${projectPage}/analytics`, 'analytics-phone'],
      [`/teams/${teamId}/members`, 'members-phone'],
      [`/teams/${teamId}/api-keys`, 'api-keys-phone'],
      [`/teams/${teamId}/stripe`, 'stripe-phone'],
      [`/teams/${teamId}/webhooks`, 'webhooks-phone'],
      [`/teams/${teamId}/audit-log`, 'audit-log-phone'],
      [`/teams/${teamId}/settings`, 'settings-phone'],
    ];
    for (const [target, screenshot] of pages) {
      await phone.page.goto(target);
      await phone.page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), target).toBe(true);
      expect(await overflowing(phone.page), target).toEqual([]);
      expect(await seriousAxeViolations(phone.page), target).toEqual([]);
      await saveScreenshot(phone.page, screenshot);
    }

    // Every team tab is on screen, wrapped rather than scrolled away.
    await phone.page.goto(`/teams/${teamId}`);
    const tabs = phone.page.getByRole('navigation', { name: 'Team' }).getByRole('link');
    for (const box of await Promise.all((await tabs.all()).map((tab) => tab.boundingBox()))) {
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }

    // The project's links fold behind one button; opening it and following a link folds it again.
    await phone.page.goto(projectPage);
    const projectNav = phone.page.getByRole('navigation', { name: 'Project' });
    expect(await projectNav.isVisible()).toBe(false);
    const toggle = phone.page.getByRole('button', { name: /^Project menu/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await projectNav.getByRole('link', { name: 'Customers' }).click();
    await phone.page.waitForURL(`**${projectPage}/customers`);
    await phone.page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    expect(await projectNav.isVisible()).toBe(false);

    // A table row is a card: each cell captioned with its column.
    const cell = phone.page.getByRole('table', { name: 'Customers' }).getByRole('row').nth(1).getByRole('cell').first();
    expect(await cell.evaluate((element) => getComputedStyle(element, '::before').content)).toBe('"Email"');
    expect(await cell.evaluate((element) => getComputedStyle(element).display)).toBe('block');
    await phone.context.close();
  });

  it('answers an unknown address with a styled 404 under the app header, and serves a favicon', async () => {
    const res = await page.goto('/no-such-page');
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'BillStack' }).waitFor();
    await page.getByRole('banner').getByText(email).waitFor();
    await page.getByRole('link', { name: 'Back to your teams' }).click();
    await page.waitForURL('**/teams');

    const missingTeam = await page.goto('/teams/team_00000000000000000000');
    expect(missingTeam?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Not found', level: 1 }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'BillStack' }).waitFor();

    const guest = await stack.browser.newContext({ baseURL: stack.server.baseURL, viewport: { width: 390, height: 844 } });
    const visitor = await guest.newPage();
    await visitor.goto('/no-such-page');
    await visitor.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
    await visitor.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousAxeViolations(visitor)).toEqual([]);
    await saveScreenshot(visitor, 'not-found-phone');
    const icon = await visitor.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toMatch(/^\/icon\.svg/);
    const favicon = await visitor.request.get(icon!);
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()['content-type']).toBe('image/svg+xml');
    await guest.close();
    await checkPage(page, 'not-found-team-desktop');
  });
});
