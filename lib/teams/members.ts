import { and, count, eq } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { teamMembers, teams, user, type TeamMember, type TeamRole } from '@/db/schema';
import { recordAudit, type ActorContext } from '@/lib/audit/service';
import { Conflict, Forbidden, NotFound } from '@/lib/http/errors';
import { isoTime } from '@/lib/http/respond';
import type { TeamMembership } from './service';

interface MemberChange {
  /** The caller's own membership: what they may do to others depends on their role. */
  membership: TeamMembership;
  actor: ActorContext;
  userId: string;
}

/**
 * Reads the member to change with the team row locked, so two owners demoting or removing each other at the
 * same moment are serialised and the "last owner" check sees the other's change.
 */
async function lockedMember(tx: Transaction, { membership, userId }: MemberChange) {
  const teamId = membership.team.id;
  await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).for('update');
  const [row] = await tx
    .select({ member: teamMembers, email: user.email, name: user.name })
    .from(teamMembers)
    .innerJoin(user, eq(user.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .limit(1);
  if (!row) throw new NotFound('Member not found');
  if (row.member.role === 'owner' && membership.role !== 'owner') {
    throw new Forbidden('Only a team owner can change or remove an owner', 'role_required');
  }
  return row;
}

function memberView({ member, email, name }: { member: TeamMember; email: string; name: string }) {
  return { id: member.id, userId: member.userId, email, name, role: member.role, createdAt: isoTime(member.createdAt) };
}

async function refuseLastOwner(tx: Transaction, teamId: string, what: 'removed' | 'demoted') {
  const [{ owners }] = await tx
    .select({ owners: count() })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.role, 'owner')));
  if (owners <= 1) throw new Conflict(`The last owner of a team cannot be ${what}`, 'last_owner');
}

export async function changeMemberRole(db: Database, change: MemberChange & { role: TeamRole }) {
  const { membership, actor, role } = change;
  if (role === 'owner' && membership.role !== 'owner') throw new Forbidden('Only a team owner can make an owner', 'role_required');
  return db.transaction(async (tx) => {
    const found = await lockedMember(tx, change);
    const { member } = found;
    if (member.role === role) return memberView(found);
    if (member.role === 'owner') await refuseLastOwner(tx, member.teamId, 'demoted');
    await tx.update(teamMembers).set({ role }).where(eq(teamMembers.id, member.id));
    await recordAudit(tx, actor, { action: 'member.role_changed', target: { type: 'user', id: member.userId } });
    return memberView({ ...found, member: { ...member, role } });
  });
}

/** Takes effect on the member's next request: every request reads the membership afresh. */
export async function removeMember(db: Database, change: MemberChange) {
  return db.transaction(async (tx) => {
    const { member } = await lockedMember(tx, change);
    if (member.role === 'owner') await refuseLastOwner(tx, member.teamId, 'removed');
    await tx.delete(teamMembers).where(eq(teamMembers.id, member.id));
    await recordAudit(tx, change.actor, { action: 'member.removed', target: { type: 'user', id: member.userId } });
    return { userId: member.userId, deleted: true as const };
  });
}
