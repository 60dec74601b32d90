import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { Executor, Transaction } from '@/db/client';
import { teamMembers, teams, user, type Team, type TeamRole } from '@/db/schema';
import { keyCache } from '@/lib/api-keys/cache';
import { withAudit, type ActorContext } from '@/lib/audit/service';
import { newId } from '@/lib/http/ids';
import type { Pagination } from '@/lib/http/pagination';
import { isoTime } from '@/lib/http/respond';
import { log } from '@/lib/log';
import { disconnectStripe } from '@/lib/stripe/connection';

export interface TeamMembership {
  team: Team;
  role: TeamRole;
}

export function teamView({ team, role }: TeamMembership) {
  return { id: team.id, name: team.name, role, createdAt: isoTime(team.createdAt) };
}

export async function createTeam(db: Executor, { userId, name }: { userId: string; name: string }) {
  return db.transaction(async (tx) => {
    const [team] = await tx.insert(teams).values({ id: newId('team'), name }).returning();
    await tx.insert(teamMembers).values({ id: newId('member'), teamId: team.id, userId, role: 'owner' });
    return teamView({ team, role: 'owner' });
  });
}

export async function listTeams(db: Executor, { userId, limit, offset }: { userId: string } & Pagination) {
  const mine = eq(teamMembers.userId, userId);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ team: teams, role: teamMembers.role })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(mine)
      .orderBy(desc(teams.createdAt), desc(teams.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(teamMembers).where(mine),
  ]);
  return { teams: rows.map(teamView), total };
}

/** The caller's membership of a team, or null when the team does not exist for them. */
export async function findMembership(
  db: Executor,
  { teamId, userId }: { teamId: string; userId: string },
): Promise<TeamMembership | null> {
  const [row] = await db
    .select({ team: teams, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .limit(1);
  return row ?? null;
}

export async function renameTeam(db: Executor, { membership, actor, name }: { membership: TeamMembership; actor: ActorContext; name: string }) {
  const write = async (tx: Transaction) => {
    const [team] = await tx.update(teams).set({ name, updatedAt: new Date() }).where(eq(teams.id, membership.team.id)).returning();
    return team;
  };
  const team = await withAudit(db, actor, write, () => ({ action: 'team.renamed', target: { type: 'team', id: membership.team.id } }));
  return teamView({ team, role: membership.role });
}

/**
 * Deletes the team with its projects, customers, keys, events and audit log (the foreign keys cascade). Its Stripe
 * account keeps its data; only the webhook endpoint BillStack registered there is removed first, so Stripe stops
 * sending to a team that no longer exists (a Stripe outage refuses the delete rather than leave it behind).
 */
export async function deleteTeam(db: Executor, { actor }: { actor: ActorContext }) {
  const teamId = actor.teamId;
  await disconnectStripe(db, { actor });
  await db.delete(teams).where(eq(teams.id, teamId));
  await keyCache().dropTeam(teamId);
  // The team's audit log goes with it: the log line is the record that it was deleted, and by whom.
  log.info({ teamId, actor: actor.id, requestId: actor.requestId }, 'team deleted');
}

export async function listMembers(db: Executor, { teamId, limit, offset }: { teamId: string } & Pagination) {
  const ofTeam = eq(teamMembers.teamId, teamId);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ member: teamMembers, email: user.email, name: user.name })
      .from(teamMembers)
      .innerJoin(user, eq(user.id, teamMembers.userId))
      .where(ofTeam)
      .orderBy(asc(teamMembers.createdAt), asc(teamMembers.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(teamMembers).where(ofTeam),
  ]);
  const members = rows.map(({ member, email, name }) => ({
    id: member.id,
    userId: member.userId,
    email,
    name,
    role: member.role,
    createdAt: isoTime(member.createdAt),
  }));
  return { members, total };
}
