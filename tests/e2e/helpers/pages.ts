// Browser steps the page tests share: signing the owner in, and checking that a page fits a phone's width.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ownerPassword } from './api';
import type { Stack } from './stack';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
const sessions = new Map<string, StorageState>();

/** A browser signed in as `email`: through the sign-in page once, then with that session's cookies. */
export async function signedIn(stack: Stack, email: string, width: number): Promise<{ context: BrowserContext; page: Page }> {
  let session = sessions.get(email);
  if (!session) {
    const context = await stack.browser.newContext({ baseURL: stack.server.baseURL });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(ownerPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/teams');
    session = await context.storageState();
    sessions.set(email, session);
    await context.close();
  }
  const context = await stack.browser.newContext({ baseURL: stack.server.baseURL, viewport: { width, height: 900 }, storageState: session });
  return { context, page: await context.newPage() };
}

/**
 * Visible elements reaching past the viewport's right edge, outermost first: none, so the page scrolls down and
 * not sideways (wide tables scroll inside their own box, which clips them; a closed menu is not shown).
 */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (element: Element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    return [...document.body.querySelectorAll('*')]
      .filter((element) => element.checkVisibility() && element.getBoundingClientRect().right > width + 0.5 && !clipped(element))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} (${Math.round(element.getBoundingClientRect().right)} px)`);
  });
}

/** A full-page screenshot in test-results/, where CI keeps them. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve('test-results');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
