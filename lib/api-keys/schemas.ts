import { z } from 'zod';
import { scopes } from '@/lib/auth/scopes';
import { isId } from '@/lib/http/ids';
import { storableText } from '@/lib/http/schemas';

const projectId = z.string().refine((value) => isId('project', value), 'Expected a project id (proj_...)');

export const createApiKeyBody = z
  .object({
    name: storableText({ max: 100 }),
    projectIds: z.union([z.literal('all'), z.array(projectId).min(1).max(100)]),
    scopes: z.array(z.enum(scopes)).min(1).max(scopes.length),
    expiresAt: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .refine((date) => date.getTime() > Date.now(), 'expiresAt must be in the future')
      .optional(),
  })
  .strict();
export type CreateApiKeyBody = z.infer<typeof createApiKeyBody>;
