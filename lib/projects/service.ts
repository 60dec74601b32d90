import { and, count, desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { projects, type Project } from '@/db/schema';
import { recordAudit, type ActorContext } from '@/lib/audit/service';
import { NotFound } from '@/lib/http/errors';
import { isId, newId } from '@/lib/http/ids';
import type { Pagination } from '@/lib/http/pagination';
import { isoTime } from '@/lib/http/respond';

export function projectView(project: Project) {
  return { id: project.id, teamId: project.teamId, name: project.name, createdAt: isoTime(project.createdAt) };
}

export async function createProject(db: Executor, { actor, name }: { actor: ActorContext; name: string }) {
  return db.transaction(async (tx) => {
    const [project] = await tx.insert(projects).values({ id: newId('project'), teamId: actor.teamId, name }).returning();
    await recordAudit(tx, actor, { action: 'project.created', target: { type: 'project', id: project.id } });
    return project;
  });
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

export async function renameProject(db: Executor, { actor, project, name }: { actor: ActorContext; project: Project; name: string }) {
  return db.transaction(async (tx) => {
    const [renamed] = await tx
      .update(projects)
      .set({ name, updatedAt: new Date() })
      .where(and(eq(projects.teamId, project.teamId), eq(projects.id, project.id)))
      .returning();
    await recordAudit(tx, actor, { action: 'project.renamed', target: { type: 'project', id: project.id } });
    return renamed;
  });
}

export async function deleteProject(db: Executor, { actor, project }: { actor: ActorContext; project: Project }) {
  await db.transaction(async (tx) => {
    await tx.delete(projects).where(and(eq(projects.teamId, project.teamId), eq(projects.id, project.id)));
    await recordAudit(tx, actor, { action: 'project.deleted', target: { type: 'project', id: project.id } });
  });
}
