import { z } from 'zod';

const projectName = z.string().trim().min(1).max(100);

export const createProjectBody = z.object({ name: projectName }).strict();
export const updateProjectBody = z.object({ name: projectName }).strict();
