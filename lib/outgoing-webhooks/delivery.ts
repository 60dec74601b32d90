import { lookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { and, asc, count, desc, eq, inArray, lte } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import type { Database, Executor } from '@/db/client';
import {
  webhookDeliveries,
  webhookEndpoints,
  webhookMessages,
  type Project,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookMessage,
} from '@/db/schema';
import { Conflict, NotFound } from '@/lib/http/errors';
import { isId, newId } from '@/lib/http/ids';
import { isoTime } from '@/lib/http/respond';
import { inProject } from '@/lib/projects/scope';
import { checkAddresses, literalAddress } from './address';
import { endpointSecret, getWebhookEndpoint } from './endpoints';
import { testEventType, webhookPayload } from './events';
import type { ListWebhookDeliveriesQuery } from './schemas';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/**
 * Waits before each retry of a failed delivery: 12 attempts over about 2.8 days. A delivery whose last
 * attempt fails is `failed`; see deliverDueWebhooks for when that disables its endpoint.
 */
export const webhookRetryDelaysMs = [5 * second, 5 * minute, 30 * minute, 2 * hour, 5 * hour, ...Array<number>(6).fill(10 * hour)];
export const webhookTimeoutMs = 10 * second;
/** How much of a receiver's answer (or of the network error) the delivery log keeps. */
export const excerptLength = 500;

export interface DeliverOptions {
  /** Deliveries taken at once (sent concurrently). */
  limit?: number;
  /** Tests compress the schedule: [0, 0] is three attempts, each due at once. */
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
}

export function webhookDeliveryView(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    // The `webhook-id` the receiver saw: the same on every attempt and on every endpoint the event went to.
    messageId: delivery.messageId,
    eventType: delivery.eventType,
    status: delivery.status,
    responseCode: delivery.responseCode,
    responseExcerpt: delivery.responseExcerpt,
    durationMs: delivery.durationMs,
    attempt: delivery.attempt,
    nextAttemptAt: isoTime(delivery.nextAttemptAt),
    createdAt: isoTime(delivery.createdAt),
  };
}

interface AttemptResult {
  responseCode: number | null;
  excerpt: string;
  durationMs: number;
}

/**
 * Resolves the host and refuses private addresses in the very lookup the connection uses, so a name that
 * resolved to a public address when the endpoint was created cannot be rebound to an internal one later.
 */
function guardedLookup(protocol: string): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { all: true, family: options.family }, (error, entries) => {
      if (error) return callback(error, '', 0);
      const check = checkAddresses(protocol, entries.map((entry) => entry.address));
      if (!check.ok) return callback(Object.assign(new Error(`Refused: ${check.reason}`), { code: 'EREFUSEDADDRESS' }), '', 0);
      if (options.all) return (callback as unknown as (error: null, addresses: typeof entries) => void)(null, entries);
      callback(null, entries[0].address, entries[0].family);
    });
  };
}

/** One POST, never following redirects; resolves (never rejects) with what the receiver answered. */
function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const literal = literalAddress(url);
  const literalCheck = literal ? checkAddresses(url.protocol, [literal]) : { ok: true as const };
  if (!literalCheck.ok) return Promise.resolve({ responseCode: null, excerpt: `Refused: ${literalCheck.reason}`, durationMs: 0 });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<AttemptResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, excerpt: result.excerpt.slice(0, excerptLength), durationMs: elapsed() });
    };
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'BillStack-Webhooks/1' },
        lookup: guardedLookup(url.protocol),
      },
      (response) => {
        let excerpt = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          excerpt += chunk;
          // Enough for the log: the rest is not read, let alone stored.
          if (excerpt.length >= excerptLength) response.destroy();
        });
        const done = () => finish({ responseCode: response.statusCode ?? null, excerpt });
        response.on('end', done);
        response.on('close', done);
        // Cut off mid-body (the timeout, the receiver hanging up): what arrived is still the answer.
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`Timed out after ${timeoutMs} ms`)), timeoutMs);
    request.on('error', (error) => finish({ responseCode: null, excerpt: error.message }));
    request.end(body);
  });
}

const succeeded = (result: AttemptResult) => result.responseCode !== null && result.responseCode >= 200 && result.responseCode < 300;

/** Signs the message per Standard Webhooks with the endpoint's current secret and sends it once. */
async function send(endpoint: WebhookEndpoint, message: WebhookMessage, timeoutMs: number): Promise<AttemptResult> {
  const body = JSON.stringify(message.payload);
  const at = new Date();
  const headers = {
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(endpointSecret(endpoint)).sign(message.id, at, body),
  };
  return post(new URL(endpoint.url), headers, body, timeoutMs);
}

const attemptColumns = (result: AttemptResult) => ({
  responseCode: result.responseCode,
  responseExcerpt: result.excerpt,
  durationMs: result.durationMs,
  updatedAt: new Date(),
});

/**
 * Takes due deliveries of enabled endpoints (`FOR UPDATE SKIP LOCKED`, so workers never take the same one)
 * and leases them past the attempt's timeout, so no transaction stays open while the receiver answers and a
 * worker that dies mid-attempt leaves the delivery to be taken again.
 */
async function claimDue(db: Database, limit: number, leaseMs: number): Promise<WebhookDelivery[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, new Date()), eq(webhookEndpoints.enabled, true)))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(limit)
      .for('update', { of: webhookDeliveries, skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(Date.now() + leaseMs) })
      .where(inArray(webhookDeliveries.id, due.map((row) => row.id)))
      .returning();
  });
}

async function attempt(db: Database, delivery: WebhookDelivery, retryDelaysMs: readonly number[], timeoutMs: number) {
  const [found] = await db
    .select({ endpoint: webhookEndpoints, message: webhookMessages })
    .from(webhookEndpoints)
    .innerJoin(webhookMessages, eq(webhookMessages.id, delivery.messageId))
    .where(eq(webhookEndpoints.id, delivery.endpointId))
    .limit(1);
  if (!found) return;
  const result = await send(found.endpoint, found.message, timeoutMs);
  const attemptNumber = delivery.attempt + 1;
  const ofDelivery = eq(webhookDeliveries.id, delivery.id);
  const ofEndpoint = eq(webhookEndpoints.id, delivery.endpointId);
  await db.transaction(async (tx) => {
    if (succeeded(result)) {
      await tx.update(webhookDeliveries).set({ ...attemptColumns(result), status: 'succeeded', attempt: attemptNumber, nextAttemptAt: null }).where(ofDelivery);
      await tx.update(webhookEndpoints).set({ lastHealthyAt: new Date() }).where(ofEndpoint);
      return;
    }
    const delay = retryDelaysMs[delivery.attempt];
    await tx
      .update(webhookDeliveries)
      .set({
        ...attemptColumns(result),
        attempt: attemptNumber,
        ...(delay === undefined ? { status: 'failed', nextAttemptAt: null } : { nextAttemptAt: new Date(Date.now() + delay) }),
      })
      .where(ofDelivery);
    // The scheduled last attempt (not a later manual redelivery) failed, and nothing good was heard from the
    // endpoint during the whole schedule: it is turned off rather than retried forever.
    if (attemptNumber === retryDelaysMs.length + 1 && found.endpoint.lastHealthyAt <= delivery.createdAt) {
      await tx
        .update(webhookEndpoints)
        .set({ enabled: false, disabledAt: new Date(), disabledReason: 'failing', updatedAt: new Date() })
        .where(and(ofEndpoint, lte(webhookEndpoints.lastHealthyAt, delivery.createdAt)));
    }
  });
}

/**
 * The worker's task: sends the deliveries that are due, once each, and answers how many it attempted
 * (0 when nothing was due). Failed attempts are rescheduled per `webhookRetryDelaysMs`.
 */
export async function deliverDueWebhooks(db: Database, options: DeliverOptions = {}): Promise<number> {
  const { limit = 20, retryDelaysMs = webhookRetryDelaysMs, timeoutMs = webhookTimeoutMs } = options;
  const claimed = await claimDue(db, limit, timeoutMs + minute);
  await Promise.all(claimed.map((delivery) => attempt(db, delivery, retryDelaysMs, timeoutMs)));
  return claimed.length;
}

export async function listWebhookDeliveries(db: Executor, project: Project, endpointId: string, { limit, offset, status }: ListWebhookDeliveriesQuery) {
  const endpoint = await getWebhookEndpoint(db, project, endpointId);
  const where = inProject(
    webhookDeliveries,
    project,
    eq(webhookDeliveries.endpointId, endpoint.id),
    status === undefined ? undefined : eq(webhookDeliveries.status, status),
  );
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(webhookDeliveries).where(where).orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(webhookDeliveries).where(where),
  ]);
  return { deliveries: rows.map(webhookDeliveryView), total };
}

/**
 * Queues one more attempt now (the worker sends it). A delivery past its schedule that fails again is not
 * retried further, and does not disable the endpoint.
 */
export async function redeliverWebhook(db: Executor, project: Project, endpointId: string, deliveryId: string) {
  const endpoint = await getWebhookEndpoint(db, project, endpointId);
  if (!endpoint.enabled) throw new Conflict('Webhook endpoint is disabled; enable it first');
  const [delivery] = isId('webhookDelivery', deliveryId)
    ? await db
        .update(webhookDeliveries)
        .set({ status: 'pending', nextAttemptAt: new Date(), updatedAt: new Date() })
        .where(inProject(webhookDeliveries, project, eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.id, deliveryId)))
        .returning()
    : [];
  if (!delivery) throw new NotFound('Webhook delivery not found');
  return webhookDeliveryView(delivery);
}

/**
 * Sends a `webhook.test` event to the endpoint now, whatever it subscribes to and even while disabled, and
 * answers the delivery. It is tried once: its result neither retries nor counts towards disabling.
 */
export async function sendTestWebhook(db: Database, project: Project, endpointId: string, { timeoutMs = webhookTimeoutMs } = {}) {
  const endpoint = await getWebhookEndpoint(db, project, endpointId);
  const tenant = { teamId: project.teamId, projectId: project.id };
  const data = { webhookEndpointId: endpoint.id, message: 'A test event from BillStack' };
  const { message, delivery } = await db.transaction(async (tx) => {
    const [message] = await tx
      .insert(webhookMessages)
      .values({ id: newId('webhookMessage'), ...tenant, type: testEventType, payload: webhookPayload(testEventType, data) })
      .returning();
    const [delivery] = await tx
      .insert(webhookDeliveries)
      .values({ id: newId('webhookDelivery'), ...tenant, endpointId: endpoint.id, messageId: message.id, eventType: testEventType, nextAttemptAt: null })
      .returning();
    return { message, delivery };
  });
  const result = await send(endpoint, message, timeoutMs);
  const [recorded] = await db
    .update(webhookDeliveries)
    .set({ ...attemptColumns(result), status: succeeded(result) ? 'succeeded' : 'failed', attempt: 1 })
    .where(eq(webhookDeliveries.id, delivery.id))
    .returning();
  return webhookDeliveryView(recorded);
}
