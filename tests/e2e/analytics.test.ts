// The analytics pages in Chromium against the production server: a Stripe account with a year behind it
// connects (its history is imported), then the overview and the analytics page are read at desktop and
// phone widths, with screenshots in test-results/.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '@/components/portal/money';
import { stripeClient } from '@/lib/stripe/client';
import { playDemoYear } from '@/scripts/demo-history';
import { newStripeKey } from '../helpers/stripe';
import type { ServerApi } from './helpers/api';
import { overflowing, signedIn } from './helpers/pages';
import { connectedProject, eventually, useStack } from './helpers/stack';

const screenshots = path.resolve('test-results');
const stack = useStack();
let owner: ServerApi;
const email = `analytics-${Date.now()}@example.com`;
let projectPage = '';
let projectPath = '';
let emptyProjectPage = '';

beforeAll(async () => {
  fs.mkdirSync(screenshots, { recursive: true });
  const secretKey = newStripeKey();
  // A smaller year than the demo's, so the test stays quick; it is in Stripe before the team connects.
  await playDemoYear(stripeClient(secretKey), { now: Math.floor(Date.now() / 1000), signUps: 60, seed: 7 });
  const connected = await connectedProject(stack.server, { email, team: 'Analytics Inc', secretKey });
  ({ owner, projectPage, projectPath } = connected);
  // A project created after the connection: nothing was imported into it.
  const { project: empty } = await owner.expect(201, 'POST', `/api/billstack/teams/${connected.teamId}/projects`, { name: 'Newcomer' });
  emptyProjectPage = `/teams/${connected.teamId}/projects/${empty.id}`;
  await eventually(stack.server, async () => {
    const { import: job } = await owner.expect(200, 'GET', `${projectPath}/sync`);
    return job?.status === 'succeeded' ? job : undefined;
  }, 'the history import', 60_000);
});

describe('analytics dashboard', () => {
  it('shows the overview KPIs from the imported history, equal to the API', async () => {
    const { summary } = await owner.expect(200, 'GET', `${projectPath}/analytics/summary`);
    expect(summary.mrr).toBeGreaterThan(0);
    const { context, page } = await signedIn(stack, email, 1280);
    await page.goto(projectPage);
    await page.getByRole('status').getByText(/^Stripe history imported: \d+ subscriptions$/).waitFor();
    const kpis = page.getByRole('region', { name: 'Key figures' });
    const valueOf = (label: string) => kpis.getByText(label, { exact: true }).locator('xpath=following-sibling::p[1]').textContent();
    expect(await valueOf('MRR')).toBe(formatMoney(summary.mrr, summary.currency));
    expect(await valueOf('ARR')).toBe(formatMoney(summary.arr, summary.currency));
    expect(await valueOf('Paying customers')).toBe(String(summary.payingCustomers));
    await page.locator('[data-chart="mrr"] .recharts-area-curve').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'analytics-overview-desktop.png'), fullPage: true });
    await context.close();
  });

  it('draws every chart of the analytics page, switches interval through the URL, and links the CSV export', async () => {
    const { context, page } = await signedIn(stack, email, 1280);
    await page.goto(`${projectPage}/analytics`);
    await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
    for (const title of ['MRR movements', 'Churn rates', 'Customer growth', 'Revenue retention by cohort', 'Customer retention by cohort']) {
      await page.getByRole('heading', { name: title }).waitFor();
    }
    // The year by month: twelve or thirteen points (the first month is partial), bars for the movements.
    await page.locator('[data-chart="mrr-movements"] .recharts-bar-rectangle').first().waitFor();
    expect(await page.locator('[data-chart="mrr-movements"] .recharts-line-curve').count()).toBe(1);
    expect(await page.locator('[data-chart="churn"] .recharts-line-curve').count()).toBe(3);
    expect(await page.locator('[data-chart="customers"] .recharts-line-curve').count()).toBe(3);
    expect(await page.locator('[data-chart="cohorts-revenue"] tbody tr').count()).toBe(12);
    await page.screenshot({ path: path.join(screenshots, 'analytics-desktop.png'), fullPage: true });

    await page.getByLabel('Interval').selectOption('week');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/interval=week/);
    await page.locator('[data-chart="mrr-movements"] .recharts-bar-rectangle').first().waitFor();

    const href = await page.getByRole('link', { name: 'MRR CSV' }).getAttribute('href');
    expect(href).toMatch(/\/analytics\/export\?.*metric=mrr/);
    expect(href).toContain('interval=week');
    const csv = await context.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\n')[0]).toBe('date,mrr,new,expansion,contraction,churned,reactivation');
    await context.close();
  });

  it('says which value is wrong for a bad range, and shows an empty state without data', async () => {
    const { context, page } = await signedIn(stack, email, 1280);
    await page.goto(`${projectPage}/analytics?interval=hour`);
    await page.getByText(/This range cannot be shown: .*interval/).waitFor();
    await page.goto(`${emptyProjectPage}/analytics`);
    await page.getByText('No revenue data yet').waitFor();
    await context.close();
  });

  it('is readable at phone width (390 px)', async () => {
    const { context, page } = await signedIn(stack, email, 390);
    await page.goto(`${projectPage}/analytics`);
    await page.locator('[data-chart="mrr-movements"] .recharts-bar-rectangle').first().waitFor();
    await page.screenshot({ path: path.join(screenshots, 'analytics-phone.png'), fullPage: true });
    expect(await overflowing(page)).toEqual([]);
    await page.goto(projectPage);
    await page.locator('[data-chart="mrr"] .recharts-area-curve').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'analytics-overview-phone.png'), fullPage: true });
    expect(await overflowing(page)).toEqual([]);
    await context.close();
  });
});
