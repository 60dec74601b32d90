import { z } from 'zod';
import { isId } from '@/lib/http/ids';

const teamId = z.string().refine((value) => isId('team', value), 'Unknown team');
/** The team an intake URL names: in the query (`?team=`, the URL BillStack registers with Stripe)... */
export const intakeQuery = z.strictObject({ team: teamId });
/** ...or in the path, where endpoints registered before point (see the `[teamId]` route). */
export const webhookParams = z.object({ teamId });

/** The envelope BillStack relies on; the object itself is re-read from Stripe before it is applied. */
export const stripeEventEnvelope = z.object({
  id: z.string().regex(/^evt_\w+$/),
  type: z.string().min(1).max(100),
  created: z.number().int().positive(),
  // The version the event's objects are rendered in (null for events of no version).
  api_version: z.string().nullable().optional(),
  data: z.object({
    object: z.looseObject({ id: z.string().optional(), object: z.string() }),
    previous_attributes: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type StripeEventEnvelope = z.infer<typeof stripeEventEnvelope>;
