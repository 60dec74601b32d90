import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { webhookDeliveries, webhookEndpoints, webhookMessages, type Project } from '@/db/schema';
import { newId } from '@/lib/http/ids';

/** Every event an endpoint can subscribe to; `data` is the object as the REST API answers it. */
export const webhookEventTypes = [
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'subscription.created',
  'subscription.updated',
  'subscription.canceled',
  'subscription.resumed',
  'subscription.renewed',
  'subscription.past_due',
  'invoice.paid',
  'invoice.payment_failed',
  'checkout.completed',
  'referral.created',
  'referral.qualified',
  'referral.rewarded',
  'referral.voided',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** Sent by `POST .../webhook-endpoints/{id}/test` only, to that endpoint whatever it subscribes to. */
export const testEventType = 'webhook.test';

export function webhookPayload(type: string, data: unknown, at = new Date()) {
  return { type, timestamp: at.toISOString(), data };
}

type Tenant = Pick<Project, 'id' | 'teamId'>;

/**
 * Writes an event to the outbox with one delivery per enabled endpoint of the project that subscribes to it.
 * Call it with the transaction that changes the row the event is about, so the event exists if and only if
 * the change does. With a `dedupeKey`, an event already written is not written again.
 */
export async function emitWebhookEvent(
  tx: Executor,
  project: Tenant,
  type: WebhookEventType,
  data: unknown,
  { dedupeKey }: { dedupeKey?: string } = {},
): Promise<void> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.teamId, project.teamId), eq(webhookEndpoints.projectId, project.id), eq(webhookEndpoints.enabled, true)));
  const subscribed = endpoints.filter((endpoint) => endpoint.events.includes('*') || endpoint.events.includes(type));
  if (subscribed.length === 0) return;
  const [message] = await tx
    .insert(webhookMessages)
    .values({ id: newId('webhookMessage'), teamId: project.teamId, projectId: project.id, type, payload: webhookPayload(type, data), dedupeKey })
    .onConflictDoNothing()
    .returning();
  if (!message) return;
  await tx.insert(webhookDeliveries).values(
    subscribed.map((endpoint) => ({
      id: newId('webhookDelivery'),
      teamId: project.teamId,
      projectId: project.id,
      endpointId: endpoint.id,
      messageId: message.id,
      eventType: type,
      nextAttemptAt: new Date(),
    })),
  );
}
