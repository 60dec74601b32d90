import { and, count, desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { projects, type Project } from '@/db/schema';
import { NotFound } from '@/lib/http/errors';
import { isId, newId } from '@/lib/http/ids';
import type { Pagination } from '@/lib/http/pagination';
import { isoTime } from '@/lib/http/respond';

export function projectView(project: Project) {
  return { id: project.id, teamId: project.teamId, name: project.name, createdAt: isoTime(project.createdAt) };
}

export async function createProject(db: Executor, { teamId, name }: { teamId: string; name: string }) {
  const [project] = await db.insert(projects).values({ id: newId('project'), teamId, name }).returning();
  return project;
}

export async function listProjects(db: Executor, { teamId, limit, offset }: { teamId: string } & Pagination) {
  const ofTeam = eq(projects.teamId, teamId);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(projects).where(ofTeam).orderBy(desc(projects.createdAt), desc(projects.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(projects).where(ofTeam),
  ]);
  return { projects: rows, total };
}

/** A project of the team; any other id (malformed, deleted, another team's) is not found. */
export async function getProject(db: Executor, { teamId, projectId }: { teamId: string; projectId: string }) {
  if (!isId('project', projectId)) throw new NotFound('Project not found');
  const [project] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.teamId, teamId), eq(projects.id, projectId)))
    .limit(1);
  if (!project) throw new NotFound('Project not found');
  return project;
}

export async function renameProject(db: Executor, { project, name }: { project: Project; name: string }) {
  const [renamed] = await db
    .update(projects)
    .set({ name, updatedAt: new Date() })
    .where(and(eq(projects.teamId, project.teamId), eq(projects.id, project.id)))
    .returning();
  return renamed;
}

export async function deleteProject(db: Executor, { project }: { project: Project }) {
  await db.delete(projects).where(and(eq(projects.teamId, project.teamId), eq(projects.id, project.id)));
}
