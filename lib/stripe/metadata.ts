import { z } from 'zod';
import type { Project } from '@/db/schema';

/** Stripe's own metadata limits, checked here so Stripe never has to refuse them. */
export const metadataInput = z
  .record(z.string().min(1).max(40), z.string().max(500))
  .refine((metadata) => Object.keys(metadata).length <= 50, 'At most 50 metadata keys');

/**
 * Every object BillStack creates in Stripe carries its BillStack id and project, so a sync or a webhook
 * adopts it (instead of duplicating it) even if our own write failed after Stripe's succeeded.
 */
export const tagKeys = { id: 'billstack_id', project: 'billstack_project_id' } as const;

export function taggedMetadata(project: Pick<Project, 'id'>, id: string, metadata: Record<string, string> = {}) {
  return { ...metadata, [tagKeys.id]: id, [tagKeys.project]: project.id };
}

/** The metadata a client set, without our tags. */
export function clientMetadata(metadata: Record<string, string> | null | undefined): Record<string, string> {
  const { [tagKeys.id]: _id, [tagKeys.project]: _project, ...rest } = metadata ?? {};
  return rest;
}

/** Passes a client's Idempotency-Key on to Stripe, distinct per project and operation. */
export function stripeRequestOptions(project: Pick<Project, 'id'>, idempotencyKey: string | null, operation: string) {
  return idempotencyKey ? { idempotencyKey: `billstack:${project.id}:${operation}:${idempotencyKey}` } : {};
}
