// The project's Webhooks page in Chromium against the production server: an endpoint added through the form
// (its secret shown once), a test event sent and verified by a receiver with the standardwebhooks package, the
// secret rotated, a delivery redelivered, the endpoint disabled, enabled and deleted, and the page at 390 px.
import fs from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerApi } from './helpers/api';
import { overflowing, signedIn } from './helpers/pages';
import { connectedProject, useStack } from './helpers/stack';

// The server (started by useStack, inheriting this environment) posts to the receiver on this machine.
process.env.BILLSTACK_WEBHOOKS_ALLOW_PRIVATE = '1';
const screenshots = path.resolve('test-results');
const email = `webhooks-${Date.now()}@example.com`;
const stack = useStack();
const received: { body: string; headers: IncomingHttpHeaders }[] = [];
let receiver: Server;
let receiverUrl = '';
let api: ServerApi;
let projectPath = '';
let webhooksPage = '';

beforeAll(async () => {
  fs.mkdirSync(screenshots, { recursive: true });
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const project = await connectedProject(stack.server, { email, team: 'Webhooks Inc' });
  ({ api, projectPath } = project);
  webhooksPage = `${project.projectPage}/webhooks`;
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

/** The last request the receiver got, verified with `secret`. */
function lastVerified(secret: string) {
  const { body, headers } = received.at(-1)!;
  return new Webhook(secret).verify(body, headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
}

describe('the webhooks page', () => {
  it('adds, tests, rotates, redelivers, disables, enables and deletes an endpoint', async () => {
    const { context, page } = await signedIn(stack, email, 1280);
    await page.goto(webhooksPage);
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByText('No webhook endpoints yet').waitFor();

    // Plain http to a public address is refused with the API's own message.
    await page.getByLabel('Endpoint URL').fill('http://93.184.216.34/hooks');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('alert').filter({ hasText: 'Invalid body field "url": the URL must use https' }).waitFor();

    await page.getByLabel('Endpoint URL').fill(receiverUrl);
    await page.getByLabel('Description (optional)').fill('Storefront backend');
    await page.getByLabel('All events').uncheck();
    await page.getByLabel('customer.created').check();
    await page.getByLabel('invoice.paid').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = await page.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    const endpoints = page.getByRole('table', { name: 'Webhook endpoints' });
    await expect(endpoints.getByRole('row').nth(1).textContent()).resolves.toMatch(/Storefront backend.*customer\.created.*invoice\.paid.*Enabled/);
    const { webhookEndpoints, total } = await api.expect(200, 'GET', `${projectPath}/webhook-endpoints`);
    expect(total).toBe(1);
    expect(webhookEndpoints[0]).toMatchObject({ url: receiverUrl, events: ['customer.created', 'invoice.paid'], enabled: true, description: 'Storefront backend' });
    const endpointPath = `${projectPath}/webhook-endpoints/${webhookEndpoints[0].id}`;
    await page.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText('Test event delivered (HTTP 204)').waitFor();
    expect(lastVerified(secret)).toMatchObject({ type: 'webhook.test', data: { webhookEndpointId: webhookEndpoints[0].id } });
    const deliveries = page.getByRole('table', { name: 'Webhook deliveries' });
    await expect(deliveries.getByRole('row').nth(1).textContent()).resolves.toMatch(/webhook\.test.*succeeded.*204/);

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = await page.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    const before = received.length;
    await page.getByRole('button', { name: 'Send test' }).click();
    await expect.poll(() => received.length).toBe(before + 1);
    expect(lastVerified(rotated).type).toBe('webhook.test');
    expect(() => lastVerified(secret)).toThrow('No matching signature found');
    await page.screenshot({ path: path.join(screenshots, 'webhooks-desktop.png'), fullPage: true });

    const { deliveries: log } = await api.expect(200, 'GET', `${endpointPath}/deliveries`);
    expect(log.map((delivery: { status: string }) => delivery.status)).toEqual(['succeeded', 'succeeded']);
    const beforeRedelivery = received.length;
    await page.getByRole('button', { name: `Redeliver ${log[1].id}` }).click();
    // Queued again (`pending`) for the server's worker, which may send it before the page shows it: it arrives.
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(beforeRedelivery + 1);
    expect(received.at(-1)!.headers['webhook-id']).toBe(log[1].messageId);
    await expect
      .poll(async () => (await api.expect(200, 'GET', `${endpointPath}/deliveries`)).deliveries.map((delivery: { status: string }) => delivery.status))
      .toEqual(['succeeded', 'succeeded']);

    await page.getByRole('button', { name: 'Disable' }).click();
    await endpoints.getByText('Disabled').waitFor();
    expect((await api.expect(200, 'GET', endpointPath)).webhookEndpoint).toMatchObject({ enabled: false, disabledReason: null });
    await expect(page.getByRole('button', { name: /^Redeliver / }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Enable' }).click();
    await endpoints.getByText('Enabled').waitFor();

    await page.getByRole('button', { name: `Delete ${receiverUrl}` }).click();
    await page.getByRole('button', { name: 'Confirm delete' }).click();
    await page.getByText('No webhook endpoints yet').waitFor();
    await api.expect(404, 'GET', endpointPath);
    await context.close();
  });

  it('is readable at phone width (390 px)', async () => {
    await api.expect(201, 'POST', `${projectPath}/webhook-endpoints`, { url: receiverUrl, events: ['*'] });
    const { context, page } = await signedIn(stack, email, 390);
    await page.goto(webhooksPage);
    await page.getByRole('table', { name: 'Webhook endpoints' }).waitFor();
    expect(await overflowing(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, 'webhooks-phone.png'), fullPage: true });
    await context.close();
  });
});
