import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { teamInvitations, teamMembers, teams, user, type Team, type TeamRole } from '@/db/schema';
import { Forbidden, Conflict } from '@/lib/http/errors';
import { newId } from '@/lib/http/ids';
import type { Pagination } from '@/lib/http/pagination';
import { isoTime } from '@/lib/http/respond';

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

export async function renameTeam(db: Executor, { membership, name }: { membership: TeamMembership; name: string }) {
  const [team] = await db
    .update(teams)
    .set({ name, updatedAt: new Date() })
    .where(eq(teams.id, membership.team.id))
    .returning();
  return teamView({ team, role: membership.role });
}

export async function listMembers(db: Executor, { teamId, limit, offset }: { teamId: string } & Pagination) {
  // Members and pending invitations form one list, members first, each oldest first.
  const [members, invitations] = await Promise.all([
    db
      .select({ member: teamMembers, email: user.email, name: user.name })
      .from(teamMembers)
      .innerJoin(user, eq(user.id, teamMembers.userId))
      .where(eq(teamMembers.teamId, teamId))
      .orderBy(asc(teamMembers.createdAt), asc(teamMembers.id)),
    db
      .select()
      .from(teamInvitations)
      .where(eq(teamInvitations.teamId, teamId))
      .orderBy(asc(teamInvitations.createdAt), asc(teamInvitations.id)),
  ]);
  const all = [
    ...members.map(({ member, email, name }) => ({
      id: member.id,
      userId: member.userId,
      email,
      name,
      role: member.role,
      status: 'active' as const,
      createdAt: isoTime(member.createdAt),
    })),
    ...invitations.map(invitationView),
  ];
  return { members: all.slice(offset, offset + limit), total: all.length };
}

function invitationView(invitation: typeof teamInvitations.$inferSelect) {
  return {
    id: invitation.id,
    userId: null,
    email: invitation.email,
    name: null,
    role: invitation.role,
    status: 'invited' as const,
    createdAt: isoTime(invitation.createdAt),
  };
}

/** Adds an existing user at once; an unknown email is recorded as an invitation until it signs up. */
export async function addMember(
  db: Executor,
  { membership, email, role }: { membership: TeamMembership; email: string; role: TeamRole },
) {
  if (role === 'owner' && membership.role !== 'owner') throw new Forbidden('Only a team owner can add an owner');
  const teamId = membership.team.id;
  const [existing] = await db
    .select()
    .from(user)
    .where(sql`lower(${user.email}) = ${email}`)
    .limit(1);
  if (existing) {
    const [member] = await db
      .insert(teamMembers)
      .values({ id: newId('member'), teamId, userId: existing.id, role })
      .onConflictDoNothing()
      .returning();
    if (!member) throw new Conflict(`${email} is already a member of this team`);
    return {
      id: member.id,
      userId: existing.id,
      email: existing.email,
      name: existing.name,
      role,
      status: 'active' as const,
      createdAt: isoTime(member.createdAt),
    };
  }
  const [invitation] = await db
    .insert(teamInvitations)
    .values({ id: newId('invitation'), teamId, email, role })
    .onConflictDoNothing()
    .returning();
  if (!invitation) throw new Conflict(`${email} is already invited to this team`);
  return invitationView(invitation);
}

export async function acceptInvitations(db: Executor, { userId, email }: { userId: string; email: string }) {
  await db.transaction(async (tx) => {
    const pending = await tx
      .delete(teamInvitations)
      .where(sql`lower(${teamInvitations.email}) = ${email.toLowerCase()}`)
      .returning();
    if (pending.length === 0) return;
    await tx
      .insert(teamMembers)
      .values(pending.map((invitation) => ({ id: newId('member'), teamId: invitation.teamId, userId, role: invitation.role })))
      .onConflictDoNothing();
  });
}
