import { z } from 'zod';
import { planChangeTimings, prorationBehaviors } from '@/db/schema';
import { browserOrigin, storableText } from '@/lib/http/schemas';

const projectName = storableText({ max: 100 });

export const createProjectBody = z.object({ name: projectName }).strict();
/** Each field is optional; an empty list of origins lifts the restriction. */
export const updateProjectBody = z
  .object({ name: projectName.optional(), allowedOrigins: z.array(browserOrigin).max(20).optional() })
  .strict()
  .refine((body) => body.name !== undefined || body.allowedOrigins !== undefined, 'Send name or allowedOrigins');
export type UpdateProjectBody = z.infer<typeof updateProjectBody>;

const planChangeDefault = z.object({ when: z.enum(planChangeTimings), proration: z.enum(prorationBehaviors) }).strict();

/** A PUT replaces every setting: both directions are required. */
export const updateProjectSettingsBody = z
  .object({ planChanges: z.object({ upgrade: planChangeDefault, downgrade: planChangeDefault }).strict() })
  .strict();
export type UpdateProjectSettingsBody = z.infer<typeof updateProjectSettingsBody>;
