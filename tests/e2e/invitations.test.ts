/**
 * The invitation flow in Chromium against `next start`: an owner invites an address from the members page, the
 * invitation mail lands in the server's outbox, the invited person opens its link, signs up with that address,
 * verifies it through the mailed link, accepts, and lands in the team; the owner then sees them as a member.
 * Screenshots in test-results/ at desktop width and at 390 px.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestLink, readOutbox } from '../helpers/mail';
import { launchBrowser } from './helpers/browser';
import { startServer, type TestServer } from './helpers/server';

const screenshots = path.resolve('test-results');
const password = 'correct-horse-battery';

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

const outbox = () => path.join(server.dataDir, 'outbox.jsonl');

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

describe('inviting a member', () => {
  it('invite -> mail -> sign up as the invited address -> verify -> accept -> the team appears', async () => {
    const owner = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 1280, height: 900 } });
    const ownerPage = await owner.newPage();
    await ownerPage.goto('/sign-up');
    await ownerPage.getByLabel('Name').fill('Ada Owner');
    await ownerPage.getByLabel('Email').fill(`owner-${Date.now()}@example.com`);
    await ownerPage.getByLabel('Password').fill(password);
    await ownerPage.getByRole('button', { name: 'Create account' }).click();
    await ownerPage.waitForURL('**/teams');
    // A new account is signed in but unverified: the dashboard says so.
    await ownerPage.getByRole('region', { name: 'Verification reminder' }).waitFor();
    await ownerPage.getByLabel('Team name').fill('Acme Billing');
    await ownerPage.getByRole('button', { name: 'Create team' }).click();
    await ownerPage.waitForURL(/\/teams\/team_[0-9a-zA-Z]+$/);
    const teamPath = new URL(ownerPage.url()).pathname;

    await ownerPage.goto(`${teamPath}/members`);
    const invitee = `grace-${Date.now()}@example.com`;
    await ownerPage.getByLabel('Email', { exact: true }).fill(invitee);
    await ownerPage.getByLabel('Role', { exact: true }).selectOption('admin');
    await ownerPage.getByRole('button', { name: 'Send invitation' }).click();
    await ownerPage.getByRole('status').filter({ hasText: `Invitation mailed to ${invitee}.` }).waitFor();
    const pending = ownerPage.getByRole('table', { name: 'Pending invitations' });
    await pending.getByRole('cell', { name: invitee, exact: true }).waitFor();
    await pending.getByRole('button', { name: `Revoke the invitation of ${invitee}` }).waitFor();
    await ownerPage.screenshot({ path: path.join(screenshots, 'invitations-members-desktop.png'), fullPage: true });

    const [mail] = readOutbox(invitee, outbox());
    expect(mail.subject).toBe('You are invited to join Acme Billing on BillStack');
    expect(mail.links).toEqual([expect.stringMatching(new RegExp(`^${server.baseURL}/invitations/[0-9A-Za-z]{43}$`))]);
    const invitationPath = new URL(mail.links[0]).pathname;

    const guest = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 390, height: 844 } });
    const page = await guest.newPage();
    await page.goto(mail.links[0]);
    await page.getByRole('heading', { name: 'Join a team on BillStack' }).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'invitations-signed-out-phone.png'), fullPage: true });
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL('**/sign-up?next=*');
    await page.getByLabel('Name').fill('Grace Admin');
    await page.getByLabel('Email').fill(invitee);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`**${invitationPath}`);
    await page.getByText(`Signed in as ${invitee}, not verified yet.`).waitFor();
    expect(await page.getByRole('button', { name: 'Accept invitation' }).count()).toBe(0);
    await noSidewaysScroll(page);
    await page.screenshot({ path: path.join(screenshots, 'invitations-unverified-phone.png'), fullPage: true });

    const verification = latestLink(invitee, /\/api\/auth\/verify-email\?/, outbox());
    expect(verification.startsWith(`${server.baseURL}/api/auth/verify-email?token=`)).toBe(true);
    await page.goto(verification);
    await page.waitForURL(`**${invitationPath}`);
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.waitForURL(`**${teamPath}`);
    await page.getByRole('heading', { name: 'Acme Billing', level: 1 }).waitFor();
    await noSidewaysScroll(page);
    await page.screenshot({ path: path.join(screenshots, 'invitations-joined-phone.png'), fullPage: true });

    // The link is single-use.
    await page.goto(mail.links[0]);
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.getByRole('alert').filter({ hasText: 'This invitation has already been accepted' }).waitFor();

    await ownerPage.reload();
    const members = ownerPage.getByRole('table', { name: 'Members', exact: true });
    await members.getByRole('cell', { name: invitee, exact: true }).waitFor();
    expect(await members.getByRole('row').filter({ hasText: invitee }).getByText('admin', { exact: true }).count()).toBe(1);
    await ownerPage.getByText('No invitation is waiting.').waitFor();
    await ownerPage.screenshot({ path: path.join(screenshots, 'invitations-joined-desktop.png'), fullPage: true });

    await owner.close();
    await guest.close();
  });
});
