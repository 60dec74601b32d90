import { z } from 'zod';
import { storableText } from '@/lib/http/schemas';

const projectName = storableText({ max: 100 });

export const createProjectBody = z.object({ name: projectName }).strict();
export const updateProjectBody = z.object({ name: projectName }).strict();
