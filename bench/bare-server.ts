/**
 * The baselines: what a bare node:http handler with postgres.js does for the same work, run as its own
 * process like `next start`, so neither shares an event loop with the load generator.
 *
 *   GET  /project/:teamId/:projectId   the project query alone
 *   GET  /keyed/:teamId/:projectId     the API key's hash lookup joined with the project, as the product does
 *   POST /webhook                      Stripe's signature check, then an insert (duplicates ignored)
 *
 * Env: DATABASE_URL, DATABASE_POOL_SIZE (as the product's), BENCH_WEBHOOK_SECRET (for /webhook).
 * Tells its parent the port it listens on over IPC.
 */
import crypto from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import Stripe from 'stripe';

const sql = postgres(process.env.DATABASE_URL!, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
const webhookSecret = process.env.BENCH_WEBHOOK_SECRET;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function findProject(teamId: string, projectId: string) {
  const [project] = await sql`select * from projects where team_id = ${teamId} and id = ${projectId}`;
  return project;
}

/** The key and the project in one round trip, like the product's `verifyApiKey`; null for an unknown key. */
async function findProjectWithKey(authorization: string | undefined, teamId: string, projectId: string) {
  const token = authorization?.match(/^Bearer (\S+)$/)?.[1];
  if (!token) return null;
  const hash = crypto.createHash('sha256').update(token).digest('hex');
  const [row] = await sql`
    select k.*, to_jsonb(p) as project from api_keys k
    left join projects p on p.team_id = k.team_id and p.id = ${projectId}
    where k.hash = ${hash} and k.team_id = ${teamId}`;
  return row ?? null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function receiveWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readBody(req);
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(raw, req.headers['stripe-signature'] ?? '', webhookSecret!);
  } catch (error) {
    return send(res, 400, { error: (error as Error).message });
  }
  const stored = await sql`
    insert into bench_webhook_events (id, type, payload) values (${event.id}, ${event.type}, ${raw}::jsonb)
    on conflict (id) do nothing returning id`;
  send(res, 200, { received: true, eventId: event.id, result: stored.length > 0 ? 'stored' : 'duplicate' });
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const [, kind, teamId, projectId] = (req.url ?? '').split('/');
  if (req.method === 'POST' && kind === 'webhook' && webhookSecret) return receiveWebhook(req, res);
  if (req.method === 'GET' && (kind === 'project' || kind === 'keyed') && teamId && projectId) {
    if (kind === 'keyed') {
      const keyed = await findProjectWithKey(req.headers.authorization, teamId, projectId);
      if (!keyed) return send(res, 401, { error: 'Invalid API key' });
      return keyed.project ? send(res, 200, { project: keyed.project }) : send(res, 404, { error: 'Project not found' });
    }
    const project = await findProject(teamId, projectId);
    return project ? send(res, 200, { project }) : send(res, 404, { error: 'Project not found' });
  }
  send(res, 404, { error: 'Not found' });
}

await sql`
  create table if not exists bench_webhook_events (
    id text primary key,
    type text not null,
    payload jsonb not null,
    received_at timestamptz not null default now()
  )`;

const server = createServer((req, res) => {
  route(req, res).catch((error) => {
    console.error(error);
    send(res, 500, { error: 'Internal error' });
  });
});
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
