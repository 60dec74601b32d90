// The webhook log in Chromium against the production server: an event whose apply by the server's worker found
// Stripe failing is listed as failed (found through the status filter), its detail shows the payload, and the
// Retry button queues it for the worker, which applies it; 3 such failures put a banner on the team and project
// pages. Screenshots in test-results/.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { stripeClient } from '@/lib/stripe/client';
import type { ServerApi } from './helpers/api';
import { overflowing, signedIn } from './helpers/pages';
import { connectedProject, eventually, useStack } from './helpers/stack';

const screenshots = path.resolve('test-results');
const email = `webhooks-${Date.now()}@example.com`;
const secretKey = `sk_test_${randomBytes(16).toString('hex')}`;
// A failed apply is final at once (dead letter), instead of after retries spread over minutes.
process.env.BILLSTACK_WEBHOOK_MAX_ATTEMPTS = '1';
const stack = useStack();
let owner: ServerApi;
let teamId = '';
let stripeCustomerId = '';
let projectPage = '';

beforeAll(async () => {
  fs.mkdirSync(screenshots, { recursive: true });
  const project = await connectedProject(stack.server, { email, team: 'Webhooks Inc', secretKey });
  ({ owner, teamId, projectPage } = project);
  // The connection's history import reads Stripe too: it must not take the faults below.
  await eventually(
    stack.server,
    async () => {
      const { import: job } = await project.api.expect(200, 'GET', `${project.projectPath}/sync`);
      return job?.status === 'running' ? undefined : true;
    },
    'the history import',
  );
  stripeCustomerId = await failingCustomer();
});

/**
 * A customer made in Stripe, whose event the worker applies while Stripe fails its read of the customer. The fault
 * is injected once Stripe has answered the create, which is before its event can even be delivered.
 */
async function failingCustomer(): Promise<string> {
  const customer = await stripeClient(secretKey).customers.create({ email: `made-in-stripe-${randomBytes(4).toString('hex')}@example.com` });
  stack.emulator.injectFaults(secretKey, { count: 1, status: 500 });
  await stack.emulator.idle();
  await eventually(
    stack.server,
    async () => {
      const { events } = await owner.expect(200, 'GET', `/api/billstack/teams/${teamId}/webhook-events?objectId=${customer.id}`);
      return events[0]?.status === 'failed' ? true : undefined;
    },
    "the worker's failed apply",
  );
  return customer.id;
}

describe('the webhook log page', () => {
  it("answers Stripe's deliveries, which the middleware skips, with the security headers and a request id", async () => {
    const post = (path: string) =>
      fetch(`${stack.server.baseURL}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    // The URL BillStack registers, the one endpoints were registered with before, and a team id that is no id.
    const answers = await Promise.all(
      [`/api/billstack/webhooks/stripe?team=${teamId}`, `/api/billstack/webhooks/stripe/${teamId}`, '/api/billstack/webhooks/stripe?team=%FF%FE'].map(async (path) => {
        const res = await post(path);
        return { status: res.status, code: ((await res.json()) as { code: string }).code, headers: res.headers };
      }),
    );
    expect(answers.map(({ status, code }) => ({ status, code }))).toEqual([
      { status: 400, code: 'invalid_stripe_signature' },
      { status: 400, code: 'invalid_stripe_signature' },
      { status: 400, code: 'validation_error' },
    ]);
    for (const { headers } of answers) {
      expect(headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-request-id')).toMatch(/^req_/);
    }
  });

  it('lists a failed event, shows its payload and applies it on Retry', async () => {
    const { events } = await owner.expect(200, 'GET', `/api/billstack/teams/${teamId}/webhook-events?objectId=${stripeCustomerId}`);
    expect(events).toMatchObject([{ type: 'customer.created', status: 'failed', attempts: 1, projectId: null }]);
    const eventId: string = events[0].id;

    const { context, page } = await signedIn(stack, email, 1280);
    await page.goto(`/teams/${teamId}`);
    await page.getByRole('navigation', { name: 'Team' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();

    // The status filter goes through the URL.
    await page.getByLabel('Status').selectOption('failed');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/status=failed/);
    const table = page.getByRole('table', { name: 'Stripe events' });
    const row = table.getByRole('row').filter({ hasText: stripeCustomerId });
    await row.waitFor();
    expect(await table.getByRole('row').count()).toBe(2);
    expect(await row.getByText('failed', { exact: true }).count()).toBe(1);
    expect(await overflowing(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, 'webhooks-log.png'), fullPage: true });

    // The detail shows the payload Stripe signed.
    await row.getByRole('link', { name: 'customer.created' }).click();
    await page.waitForURL(`**/teams/${teamId}/webhooks/${eventId}`);
    const payload = page.getByLabel('Event payload');
    expect(await payload.textContent()).toContain(`"id": "${stripeCustomerId}"`);
    await page.screenshot({ path: path.join(screenshots, 'webhooks-event.png'), fullPage: true });

    // Stripe answers again: Retry queues it, the server's worker applies it, and the page shows the new status.
    await page.getByRole('button', { name: `Retry customer.created ${eventId}` }).click();
    await eventually(
      stack.server,
      async () => {
        await page.reload();
        return (await page.getByText('applied', { exact: true }).count()) > 0 ? true : undefined;
      },
      'the retried event applied',
    );
    expect(await page.getByRole('button', { name: /^Retry/ }).count()).toBe(0);
    const { event } = await owner.expect(200, 'GET', `/api/billstack/teams/${teamId}/webhook-events/${eventId}`);
    expect(event).toMatchObject({ status: 'applied', attempts: 2, lastError: null, projectId: expect.stringMatching(/^proj_/) });

    await page.goto(`/teams/${teamId}/webhooks?status=failed`);
    await page.getByText('No event matches these filters.').waitFor();
    await context.close();
  });

  it('warns on the team and project pages once 3 events of the last day have failed', async () => {
    const { context, page } = await signedIn(stack, email, 1280);
    await page.goto(`/teams/${teamId}`);
    await page.getByRole('heading', { name: 'Webhooks Inc', level: 1 }).waitFor();
    const banner = page.getByRole('region', { name: 'Webhook health' });
    expect(await banner.count()).toBe(0);

    const failed = [await failingCustomer(), await failingCustomer(), await failingCustomer()];
    await page.reload();
    await banner.getByText('3 Stripe events received in the last 24 hours failed to apply').waitFor();
    await page.goto(projectPage);
    await banner.waitFor();
    await page.screenshot({ path: path.join(screenshots, 'webhooks-banner.png'), fullPage: true });
    await banner.getByRole('link', { name: 'Open the webhook log' }).click();
    await page.waitForURL(/\/webhooks\?status=failed$/);
    const rows = page.getByRole('table', { name: 'Stripe events' }).getByRole('row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(1 + failed.length);
    for (const id of failed) expect(await rows.filter({ hasText: id }).count()).toBe(1);
    await context.close();
  });
});
