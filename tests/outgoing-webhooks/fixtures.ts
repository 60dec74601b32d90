import * as endpointsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/route';
import * as testRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/webhook-endpoints/[endpointId]/test/route';
import { call } from '../helpers/http';
import { projectParams, projectPath } from '../helpers/catalog';
import type { TestUser } from '../helpers/fixtures';

interface ProjectRef {
  owner: TestUser;
  team: { id: string };
  project: { id: string };
}

/** Nothing listens on the discard port: deliveries there fail at once with a refused connection. */
export const deadUrl = 'http://127.0.0.1:9/webhooks';

/** An endpoint made through the API, as the project's owner; answers the endpoint and its one-time secret. */
export async function createWebhookEndpoint(ref: ProjectRef, body: Record<string, unknown> = {}) {
  const res = await call(endpointsRoute.POST, projectPath(ref, '/webhook-endpoints'), {
    method: 'POST',
    params: projectParams(ref),
    body: { url: deadUrl, events: ['*'], ...body },
    headers: ref.owner.headers,
  });
  if (res.status !== 201) throw new Error(`webhook endpoint creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { webhookEndpoint: { id: string; url: string; events: string[]; enabled: boolean }; secret: string };
}

/** POST .../test: one delivery, tried at once. */
export async function sendTestEvent(ref: ProjectRef, endpointId: string) {
  const res = await call(testRoute.POST, projectPath(ref, `/webhook-endpoints/${endpointId}/test`), {
    method: 'POST',
    params: projectParams(ref, { endpointId }),
    headers: ref.owner.headers,
  });
  if (res.status !== 200) throw new Error(`test event failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.delivery as { id: string; messageId: string; status: string; responseCode: number | null };
}
