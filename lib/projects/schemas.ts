import { z } from 'zod';
import { planChangeTimings, prorationBehaviors } from '@/db/schema';
import { storableText } from '@/lib/http/schemas';

const projectName = storableText({ max: 100 });

export const createProjectBody = z.object({ name: projectName }).strict();
export const updateProjectBody = z.object({ name: projectName }).strict();

const planChangeDefault = z.object({ when: z.enum(planChangeTimings), proration: z.enum(prorationBehaviors) }).strict();

/** A PUT replaces every setting: both directions are required. */
export const updateProjectSettingsBody = z
  .object({ planChanges: z.object({ upgrade: planChangeDefault, downgrade: planChangeDefault }).strict() })
  .strict();
export type UpdateProjectSettingsBody = z.infer<typeof updateProjectSettingsBody>;
