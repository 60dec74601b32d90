import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './helpers/browser';
import { startServer, type TestServer } from './helpers/server';

const screenshotPath = '/tmp/billstack-e2e-team.png';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 1280, height: 800 } });
  return { context, page: await context.newPage() };
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function signUp(page: Page, name: string, email: string, password: string) {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/teams');
}

describe('dashboard', () => {
  const email = `owner-${Date.now()}@example.com`;
  const password = 'correct-horse-battery';
  let teamPath = '';

  it('sends a visitor without a session from / and /teams to sign-in', async () => {
    const { context, page } = await newPage();
    await page.goto('/');
    expect(pathOf(page)).toBe('/sign-in');
    await page.getByRole('heading', { name: 'Sign in to BillStack' }).waitFor();
    await page.goto('/teams');
    expect(pathOf(page)).toBe('/sign-in');
    await context.close();
  });

  it('signs up, creates a team and a project, signs out', async () => {
    const { context, page } = await newPage();
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL('**/sign-up');
    await signUp(page, 'Ada Owner', email, password);

    await page.getByRole('heading', { name: 'Teams', level: 1 }).waitFor();
    await page.getByText('No teams yet').waitFor();
    expect(await page.getByText(email).textContent()).toBe(email);

    await page.getByLabel('Team name').fill('Acme Billing');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.waitForURL(/\/teams\/team_[0-9a-zA-Z]+$/);
    teamPath = pathOf(page);
    await page.getByRole('heading', { name: 'Acme Billing', level: 1 }).waitFor();
    await page.getByText('No projects yet').waitFor();

    await page.getByLabel('Project name').fill('Storefront');
    await page.getByRole('button', { name: 'Create project' }).click();
    const projectLink = page.getByRole('list').getByRole('link', { name: 'Storefront' });
    await projectLink.waitFor();
    expect(await page.getByText('No projects yet').count()).toBe(0);
    expect(await page.getByLabel('Project name').inputValue()).toBe('');

    // The team switcher lists the user's teams.
    await page.getByLabel(/Switch team/).click();
    const switcher = page.getByRole('navigation', { name: 'Your teams' });
    expect(await switcher.getByRole('link').allTextContents()).toEqual(['Acme Billing', 'All teams…']);
    await page.getByLabel(/Switch team/).click();
    await page.screenshot({ path: screenshotPath, fullPage: true });

    await projectLink.click();
    await page.waitForURL(/\/projects\/proj_[0-9a-zA-Z]+$/);
    const projectId = pathOf(page).split('/').pop()!;
    await page.getByRole('heading', { name: 'Storefront', level: 1 }).waitFor();
    expect(await page.getByText(projectId, { exact: true }).count()).toBe(1);
    const overview = page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Overview' });
    expect(await overview.getAttribute('aria-current')).toBe('page');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.goto('/teams');
    expect(pathOf(page)).toBe('/sign-in');
    await page.goto(teamPath);
    expect(pathOf(page)).toBe('/sign-in');
    await context.close();
  });

  it('rejects a wrong password, then signs in and finds the team', async () => {
    const { context, page } = await newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Scoped to <main>: Next's route announcer is also a role=alert element.
    const alert = page.getByRole('main').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/invalid email or password/i);
    expect(pathOf(page)).toBe('/sign-in');

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/teams');
    await page.getByRole('link', { name: 'Acme Billing' }).click();
    await page.waitForURL(`**${teamPath}`);
    await page.getByRole('link', { name: 'Storefront' }).waitFor();
    await context.close();
  });

  it('renames and deletes a project', async () => {
    const { context, page } = await newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/teams');
    await page.goto(teamPath);

    await page.getByRole('button', { name: 'Rename Storefront' }).click();
    await page.getByLabel('New name for Storefront').fill('Web Shop');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Web Shop' }).waitFor();

    await page.getByRole('button', { name: 'Delete Web Shop' }).click();
    await page.getByRole('button', { name: 'Confirm delete' }).click();
    await page.getByText('No projects yet').waitFor();
    expect(await page.getByRole('link', { name: 'Web Shop' }).count()).toBe(0);
    await context.close();
  });

  it("shows another user's team as not found", async () => {
    const { context, page } = await newPage();
    await signUp(page, 'Eve Outsider', `outsider-${Date.now()}@example.com`, password);
    const res = await page.goto(teamPath);
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await page.getByText('Acme Billing').count()).toBe(0);
    await context.close();
  });
});
