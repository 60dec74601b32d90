// The endpoint API: the contract's shapes, validation, the secret (shown once, stored sealed, rotated), and
// the refusal of private addresses at creation and again when sending.
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { webhookEndpoints } from '@/db/schema';
import * as endpointsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/route';
import * as endpointRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/[endpointId]/route';
import * as rotateRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/[endpointId]/rotate-secret/route';
import * as deliveriesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/[endpointId]/deliveries/route';
import { call } from '../helpers/http';
import { projectParams, projectPath } from '../helpers/catalog';
import { buildWorld, type World } from '../helpers/world';
import { createWebhookEndpoint, sendTestEvent } from './fixtures';
import { useReceiver } from './receiver';

const receiver = useReceiver();
let world: World;

beforeAll(async () => {
  world = await buildWorld();
});

afterEach(() => {
  process.env.BILLSTACK_WEBHOOKS_ALLOW_PRIVATE = '1';
});

function post(body: unknown, ref: Pick<World, 'owner' | 'team' | 'project'> = world) {
  return call(endpointsRoute.POST, projectPath(ref, '/webhook-endpoints'), { method: 'POST', params: projectParams(ref), body, headers: ref.owner.headers });
}

const endpointCall = (id: string, options: { method?: string; body?: unknown } = {}) =>
  call(endpointRoute[(options.method ?? 'GET') as 'GET' | 'PATCH' | 'DELETE'], projectPath(world, `/webhook-endpoints/${id}`), {
    params: projectParams(world, { endpointId: id }),
    headers: world.owner.headers,
    ...options,
  });

describe('creating', () => {
  it('answers the endpoint and a Standard Webhooks secret once, and stores the secret sealed', async () => {
    const res = await post({ url: receiver().url, events: ['customer.created', 'invoice.paid'], description: 'Our backend' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      webhookEndpoint: {
        id: expect.stringMatching(/^we_[0-9a-zA-Z]{20}$/),
        url: receiver().url,
        events: ['customer.created', 'invoice.paid'],
        enabled: true,
        description: 'Our backend',
        disabledReason: null,
        disabledAt: null,
        createdAt: expect.any(String),
      },
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
    });
    const db = await getDb();
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, res.body.webhookEndpoint.id));
    expect(row.secretEncrypted).not.toContain(res.body.secret.slice(6));
    const fetched = await endpointCall(res.body.webhookEndpoint.id);
    expect(fetched).toMatchObject({ status: 200, body: { webhookEndpoint: res.body.webhookEndpoint } });
    expect(JSON.stringify(fetched.body)).not.toContain('whsec_');
  });

  it.each([
    [{ url: 'https://hooks.example.com/x', events: [] }, 'Invalid body field "events": Too small: expected array to have >=1 items'],
    [{ url: 'https://hooks.example.com/x', events: ['*', 'invoice.paid'] }, 'Invalid body field "events": must be ["*"] alone or a list of event types'],
    [{ url: 'https://hooks.example.com/x', events: ['invoice.created'] }, expect.stringMatching(/^Invalid body field "events.0": Invalid option/)],
    [{ url: 'ftp://hooks.example.com/x', events: ['*'] }, 'Invalid body field "url": must be an absolute https URL'],
    [{ url: 'https://user:pw@hooks.example.com/x', events: ['*'] }, 'Invalid body field "url": must not contain credentials'],
    [{ url: 'https://hooks.example.com/x', events: ['*'], secret: 'mine' }, 'Unknown field "secret" in body'],
    [{ events: ['*'] }, expect.stringMatching(/^Invalid body field "url"/)],
  ])('refuses %j', async (body, error) => {
    expect(await post(body)).toMatchObject({ status: 400, body: { error } });
  });

  it('takes a public address over https, and refuses plain http to it', async () => {
    expect((await post({ url: 'https://93.184.216.34/hooks', events: ['*'] })).status).toBe(201);
    expect(await post({ url: 'http://93.184.216.34/hooks', events: ['*'] })).toMatchObject({
      status: 400,
      body: { error: 'Invalid body field "url": the URL must use https', code: 'validation_error', field: 'url' },
    });
  });

  it.each(['http://127.0.0.1:8080/x', 'https://10.1.2.3/x', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/x', 'https://localhost/x', 'https://192.168.0.10/x', 'https://[::ffff:127.0.0.1]/x'])(
    'refuses the private address %s unless BILLSTACK_WEBHOOKS_ALLOW_PRIVATE=1',
    async (url) => {
      delete process.env.BILLSTACK_WEBHOOKS_ALLOW_PRIVATE;
      expect(await post({ url, events: ['*'] })).toMatchObject({
        status: 400,
        body: { error: 'Invalid body field "url": the host resolves to a private or reserved address', code: 'validation_error', field: 'url' },
      });
      process.env.BILLSTACK_WEBHOOKS_ALLOW_PRIVATE = '1';
      expect((await post({ url, events: ['*'] })).status).toBe(201);
    },
  );
});

describe('sending', () => {
  it('checks the address again when sending, so a host turned private is refused then', async () => {
    const port = new URL(receiver().url).port;
    for (const url of [receiver().url, `http://localhost:${port}/billstack-webhooks`]) {
      const { webhookEndpoint } = await createWebhookEndpoint(world, { url });
      delete process.env.BILLSTACK_WEBHOOKS_ALLOW_PRIVATE;
      const before = receiver().requests.length;
      const delivery = await sendTestEvent(world, webhookEndpoint.id);
      expect(delivery).toMatchObject({ status: 'failed', responseCode: null });
      const log = await call(deliveriesRoute.GET, projectPath(world, `/webhook-endpoints/${webhookEndpoint.id}/deliveries`), {
        params: projectParams(world, { endpointId: webhookEndpoint.id }),
        headers: world.owner.headers,
      });
      expect(log.body.deliveries[0].responseExcerpt).toBe('Refused: the host resolves to a private or reserved address');
      expect(receiver().requests.length).toBe(before);
      process.env.BILLSTACK_WEBHOOKS_ALLOW_PRIVATE = '1';
    }
  });

  it('sends a signed webhook.test event at once and answers the delivery', async () => {
    const { webhookEndpoint, secret } = await createWebhookEndpoint(world, { url: receiver().url, events: ['invoice.paid'] });
    const since = receiver().requests.length;
    const delivery = await sendTestEvent(world, webhookEndpoint.id);
    expect(delivery).toMatchObject({ status: 'succeeded', responseCode: 200, attempt: 1, eventType: 'webhook.test', nextAttemptAt: null });
    const [event] = receiver().verified(secret, since);
    expect(event).toEqual({
      id: delivery.messageId,
      type: 'webhook.test',
      timestamp: expect.any(String),
      data: { webhookEndpointId: webhookEndpoint.id, message: 'A test event from BillStack' },
    });
  });
});

describe('managing', () => {
  it('lists with limit, offset and total, newest first, and only the project\'s own', async () => {
    const ref = { owner: world.owner, team: world.team, project: world.siblingProject };
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await createWebhookEndpoint(ref)).webhookEndpoint.id);
    const page = await call(endpointsRoute.GET, projectPath(ref, '/webhook-endpoints'), { params: projectParams(ref), query: { limit: 2, offset: 1 }, headers: world.owner.headers });
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(3);
    expect(page.body.webhookEndpoints.map((endpoint: { id: string }) => endpoint.id)).toEqual([ids[1], ids[0]]);
    expect((await endpointCall(ids[0])).status).toBe(404);
  });

  it('updates url, events and enabled, rotates the secret and deletes', async () => {
    const { webhookEndpoint, secret } = await createWebhookEndpoint(world);
    const patched = await endpointCall(webhookEndpoint.id, { method: 'PATCH', body: { url: receiver().url, events: ['customer.deleted'], enabled: false, description: null } });
    expect(patched.status).toBe(200);
    expect(patched.body.webhookEndpoint).toMatchObject({ url: receiver().url, events: ['customer.deleted'], enabled: false, disabledReason: null, description: null });
    expect(patched.body.webhookEndpoint.disabledAt).toEqual(expect.any(String));
    const enabled = await endpointCall(webhookEndpoint.id, { method: 'PATCH', body: { enabled: true } });
    expect(enabled.body.webhookEndpoint).toMatchObject({ enabled: true, disabledAt: null });
    expect(await endpointCall(webhookEndpoint.id, { method: 'PATCH', body: { url: 'http://93.184.216.34/' } })).toMatchObject({ status: 400 });

    const rotated = await call(rotateRoute.POST, projectPath(world, `/webhook-endpoints/${webhookEndpoint.id}/rotate-secret`), {
      method: 'POST',
      params: projectParams(world, { endpointId: webhookEndpoint.id }),
      headers: world.owner.headers,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.webhookEndpoint.id).toBe(webhookEndpoint.id);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    const since = receiver().requests.length;
    await sendTestEvent(world, webhookEndpoint.id);
    expect(receiver().verified(rotated.body.secret, since).map((event) => event.type)).toEqual(['webhook.test']);
    expect(() => receiver().verified(secret, since)).toThrow('No matching signature found');

    expect(await endpointCall(webhookEndpoint.id, { method: 'DELETE' })).toMatchObject({ status: 200, body: { id: webhookEndpoint.id, deleted: true } });
    expect(await endpointCall(webhookEndpoint.id)).toMatchObject({ status: 404, body: { error: 'Webhook endpoint not found', code: 'webhook_endpoint_not_found' } });
  });
});
