import { and, count, desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { projects, type Project } from '@/db/schema';
import { keyCache } from '@/lib/api-keys/cache';
import { recordAudit, type ActorContext } from '@/lib/audit/service';
import { NotFound, ValidationError } from '@/lib/http/errors';
import { isId, newId } from '@/lib/http/ids';
import type { Pagination } from '@/lib/http/pagination';
import { isoTime } from '@/lib/http/respond';
import type { UpdateProjectBody } from '@/lib/projects/schemas';

export function projectView(project: Project) {
  return {
    id: project.id,
    teamId: project.teamId,
    name: project.name,
    allowedOrigins: project.allowedOrigins,
    createdAt: isoTime(project.createdAt),
  };
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

/** Renames the project and/or replaces its allowed origins, each change audited under its own action. */
export async function updateProject(
  db: Executor,
  { actor, project, changes }: { actor: ActorContext; project: Project; changes: UpdateProjectBody },
) {
  const allowedOrigins = changes.allowedOrigins && [...new Set(changes.allowedOrigins)];
  const result = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(projects)
      .set({ name: changes.name, allowedOrigins, updatedAt: new Date() })
      .where(and(eq(projects.teamId, project.teamId), eq(projects.id, project.id)))
      .returning();
    const target = { type: 'project', id: project.id };
    if (changes.name !== undefined) await recordAudit(tx, actor, { action: 'project.renamed', target });
    if (allowedOrigins) await recordAudit(tx, actor, { action: 'project.allowed_origins_changed', target });
    return updated;
  });
  // Keyed requests read the project from the key cache: none may go on seeing the old origins.
  await keyCache().dropTeam(project.teamId);
  return result;
}

/**
 * A redirect (checkout success/cancel, portal return) must stay on one of the project's origins when it lists
 * any: a leaked API key then cannot send the project's customers, fresh from paying, to a look-alike site.
 */
export function requireAllowedOrigin(project: Project, field: string, url: string | undefined): void {
  if (url === undefined || project.allowedOrigins.length === 0) return;
  if (!project.allowedOrigins.includes(new URL(url).origin)) {
    throw new ValidationError(`Invalid body field "${field}": must have one of the project's allowed origins (${project.allowedOrigins.join(', ')})`, field);
  }
}

export async function deleteProject(db: Executor, { actor, project }: { actor: ActorContext; project: Project }) {
  await db.transaction(async (tx) => {
    await tx.delete(projects).where(and(eq(projects.teamId, project.teamId), eq(projects.id, project.id)));
    await recordAudit(tx, actor, { action: 'project.deleted', target: { type: 'project', id: project.id } });
  });
  await keyCache().dropTeam(project.teamId);
}
