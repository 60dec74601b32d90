import type { Executor, Transaction } from '@/db/client';
import { projectSettings, type PlanChangeSettings, type Project } from '@/db/schema';
import { withAudit, type ActorContext } from '@/lib/audit/service';
import { inProject } from './scope';
import type { UpdateProjectSettingsBody } from './schemas';

/**
 * Upgrades take effect at once and bill the difference now; downgrades wait for the paid period to end,
 * so a customer never loses what they paid for and nothing needs refunding.
 */
export const defaultPlanChanges: PlanChangeSettings = {
  upgrade: { when: 'now', proration: 'always_invoice' },
  downgrade: { when: 'period_end', proration: 'none' },
};

export interface ProjectSettingsView {
  planChanges: PlanChangeSettings;
}

/** The project's settings; a project that never saved any has the defaults. */
export async function getProjectSettings(db: Executor, project: Project): Promise<ProjectSettingsView> {
  const [row] = await db.select({ planChanges: projectSettings.planChanges }).from(projectSettings).where(inProject(projectSettings, project)).limit(1);
  return { planChanges: row?.planChanges ?? defaultPlanChanges };
}

/** Replaces the project's settings as a whole (PUT). */
export async function updateProjectSettings(
  db: Executor,
  project: Project,
  body: UpdateProjectSettingsBody,
  actor: ActorContext,
): Promise<ProjectSettingsView> {
  const values = { teamId: project.teamId, projectId: project.id, planChanges: body.planChanges, updatedAt: new Date() };
  const write = async (tx: Transaction) => {
    const [row] = await tx
      .insert(projectSettings)
      .values(values)
      .onConflictDoUpdate({ target: [projectSettings.teamId, projectSettings.projectId], set: { planChanges: values.planChanges, updatedAt: values.updatedAt } })
      .returning({ planChanges: projectSettings.planChanges });
    return { planChanges: row.planChanges };
  };
  return withAudit(db, actor, write, () => ({ action: 'settings.updated', target: { type: 'project', id: project.id } }));
}
