import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import { z } from 'zod';
import type { Project } from '@/db/schema';
import { idPrefixes, newId, type IdKind } from '@/lib/http/ids';
import { asUpstreamError, callStripe } from './errors';

/**
 * Every object BillStack creates in Stripe carries its BillStack id and project, so a sync or a webhook
 * adopts it (instead of duplicating it) even if our own write failed after Stripe's succeeded.
 */
export const tagKeys = { id: 'billstack_id', project: 'billstack_project_id' } as const;

/** Our keys start with this prefix; a client may neither set nor remove them. */
const reservedPrefix = 'billstack_';
// Stripe allows 50 keys an object; up to four of them are our tags.
const maxClientKeys = 46;

/** Stripe's own metadata limits, checked here so Stripe never has to refuse them. */
export const metadataInput = z
  .record(z.string().min(1).max(40), z.string().max(500))
  .refine((metadata) => Object.keys(metadata).length <= maxClientKeys, `At most ${maxClientKeys} metadata keys`)
  .refine((metadata) => !Object.keys(metadata).some((key) => key.startsWith(reservedPrefix)), `Keys starting with ${reservedPrefix} are reserved`);

export function taggedMetadata(project: Pick<Project, 'id'>, id: string, metadata: Record<string, string> = {}) {
  return { ...metadata, [tagKeys.id]: id, [tagKeys.project]: project.id };
}

/** The metadata a client set, without our tags. */
export function clientMetadata(metadata: Record<string, string> | null | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata ?? {}).filter(([key]) => !key.startsWith(reservedPrefix)));
}

/**
 * The id an object we create is tagged with in Stripe. With an Idempotency-Key it derives from the key: a retry
 * then sends Stripe the very same request (Stripe refuses a reused key with other parameters), and if our write
 * failed the first time, Stripe's replayed object comes back under the id it was tagged with.
 */
export function idForCreate(kind: IdKind, project: Pick<Project, 'id'>, idempotencyKey: string | null, operation: string) {
  if (!idempotencyKey) return newId(kind);
  const digest = createHash('sha256').update(`${project.id}\n${operation}\n${idempotencyKey}`).digest('hex');
  return `${idPrefixes[kind]}_${BigInt(`0x${digest}`).toString(36).slice(0, 24)}`;
}

// Stripe saves a 500 under its idempotency key and replays it for 24 hours, while BillStack forgets a request
// that failed on the server side so the client may retry: a retry would meet the saved 500 again. Each replayed
// 5xx moves on to the next key of a deterministic sequence, so every retry still sends Stripe a key it has seen.
const maxReplayedFailures = 5;

function replayedServerError(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeError &&
    (error.statusCode ?? 0) >= 500 &&
    (error.headers as Record<string, string> | undefined)?.['idempotent-replayed'] === 'true'
  );
}

/**
 * A Stripe create carrying the client's Idempotency-Key (distinct per project and operation); without one, a plain
 * call. Failures become typed errors as in `callStripe`.
 */
export async function createInStripe<T>(
  project: Pick<Project, 'id'>,
  idempotencyKey: string | null,
  operation: string,
  send: (options: Stripe.RequestOptions) => Promise<T>,
): Promise<T> {
  if (!idempotencyKey) return callStripe(() => send({}));
  const base = `billstack:${project.id}:${operation}:${idempotencyKey}`;
  for (let attempt = 0; ; attempt++) {
    try {
      return await send({ idempotencyKey: attempt === 0 ? base : `${base}:after-5xx-${attempt}` });
    } catch (error) {
      if (!replayedServerError(error) || attempt >= maxReplayedFailures) throw asUpstreamError(error);
    }
  }
}
