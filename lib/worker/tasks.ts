import type { Database } from '@/db/client';
import { deliverDueWebhooks } from '@/lib/outgoing-webhooks/delivery';
import { applyDueStripeEvents } from './stripe-events';

/** One round of a kind of background work; answers how much it did (0: nothing was due). */
export type WorkerTask = (db: Database) => Promise<number>;

/** What the worker runs, in turn, as long as any of it finds work. */
export const tasks: WorkerTask[] = [(db) => applyDueStripeEvents(db), (db) => deliverDueWebhooks(db)];
