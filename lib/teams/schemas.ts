import { z } from 'zod';
import { teamRoles } from '@/db/schema';
import { storableText } from '@/lib/http/schemas';

export const teamName = storableText({ max: 100 });

export const createTeamBody = z.object({ name: teamName }).strict();
export const updateTeamBody = z.object({ name: teamName }).strict();
export const inviteMemberBody = z
  .object({ email: z.string().trim().toLowerCase().max(254).pipe(z.email()), role: z.enum(teamRoles) })
  .strict();
export const updateMemberBody = z.object({ role: z.enum(teamRoles) }).strict();
