import crypto from 'node:crypto';
import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { teamInvitations, teamMembers, teams, user, type TeamInvitation, type TeamRole } from '@/db/schema';
import { recordAudit, type ActorContext } from '@/lib/audit/service';
import type { SessionUser } from '@/lib/auth/auth';
import { Conflict, Forbidden, Gone, NotFound } from '@/lib/http/errors';
import { isId, newId, randomBase62 } from '@/lib/http/ids';
import type { Pagination } from '@/lib/http/pagination';
import { isoTime } from '@/lib/http/respond';
import { sendMail } from '@/lib/mail';
import { teamView, type TeamMembership } from './service';

const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;
// 43 base62 characters carry 256 bits; the link is the only proof of owning the address besides verification.
const tokenPattern = /^[0-9A-Za-z]{43}$/;

function hashInvitationToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function invitationView(invitation: TeamInvitation, now = new Date()) {
  const expired = invitation.status === 'pending' && invitation.expiresAt <= now;
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status: expired ? ('expired' as const) : invitation.status,
    expiresAt: isoTime(invitation.expiresAt),
    createdAt: isoTime(invitation.createdAt),
  };
}

const pendingFor = (teamId: string) => and(eq(teamInvitations.teamId, teamId), eq(teamInvitations.status, 'pending'));

/**
 * Always an invitation, whether or not the address has an account, so the answer tells nothing about who is
 * registered. Inviting an address again renews its open invitation (new link, role and expiry).
 */
export async function inviteMember(
  db: Executor,
  {
    membership,
    actor,
    email,
    role,
    origin,
  }: { membership: TeamMembership; actor: ActorContext; email: string; role: TeamRole; origin: string },
) {
  if (role === 'owner' && membership.role !== 'owner') throw new Forbidden('Only a team owner can invite an owner', 'role_required');
  const teamId = membership.team.id;
  const token = randomBase62(43);
  const invitation = await db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: teamMembers.id })
      .from(teamMembers)
      .innerJoin(user, eq(user.id, teamMembers.userId))
      .where(and(eq(teamMembers.teamId, teamId), sql`lower(${user.email}) = ${email}`))
      .limit(1);
    if (member) throw new Conflict(`${email} is already a member of this team`, 'already_member');
    const renewal = {
      role,
      invitedBy: actor.id,
      tokenHash: hashInvitationToken(token),
      expiresAt: new Date(Date.now() + invitationLifetimeMs),
      updatedAt: new Date(),
    };
    const [renewed] = await tx
      .update(teamInvitations)
      .set(renewal)
      .where(and(pendingFor(teamId), sql`lower(${teamInvitations.email}) = ${email}`))
      .returning();
    const [written] = renewed
      ? [renewed]
      : await tx
          .insert(teamInvitations)
          .values({ id: newId('invitation'), teamId, email, ...renewal })
          .returning();
    await recordAudit(tx, actor, { action: renewed ? 'invitation.renewed' : 'invitation.created', target: { type: 'invitation', id: written.id } });
    return written;
  });
  const link = `${origin}/invitations/${token}`;
  await sendMail({
    to: email,
    subject: `You are invited to join ${membership.team.name} on BillStack`,
    text: `You have been invited to join the team ${membership.team.name} on BillStack as ${role}.\n\nOpen this link to accept (valid for 7 days, once): ${link}\n`,
    links: [link],
  });
  return invitationView(invitation);
}

export async function listInvitations(db: Executor, { teamId, limit, offset }: { teamId: string } & Pagination) {
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(teamInvitations)
      .where(pendingFor(teamId))
      .orderBy(asc(teamInvitations.createdAt), asc(teamInvitations.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(teamInvitations).where(pendingFor(teamId)),
  ]);
  const now = new Date();
  return { invitations: rows.map((row) => invitationView(row, now)), total };
}

export async function revokeInvitation(db: Executor, { actor, invitationId }: { actor: ActorContext; invitationId: string }) {
  if (!isId('invitation', invitationId)) throw new NotFound('Invitation not found');
  const revoked = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(teamInvitations)
      .set({ status: 'revoked', updatedAt: new Date() })
      .where(and(pendingFor(actor.teamId), eq(teamInvitations.id, invitationId)))
      .returning();
    if (!row) throw new NotFound('Invitation not found');
    await recordAudit(tx, actor, { action: 'invitation.revoked', target: { type: 'invitation', id: row.id } });
    return row;
  });
  return { id: revoked.id, deleted: true as const };
}

/**
 * Turns the invitation behind a mailed link into a membership of the signed-in user, once. The user's address
 * must be verified and be the invited one: holding the link alone, or registering the address, is not enough.
 */
export async function acceptInvitation(
  db: Executor,
  { token, user: caller, actorIn }: { token: string; user: SessionUser; actorIn: (teamId: string) => ActorContext },
) {
  if (!tokenPattern.test(token)) throw new NotFound('Invitation not found');
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(teamInvitations)
      .where(eq(teamInvitations.tokenHash, hashInvitationToken(token)))
      .for('update');
    if (!invitation) throw new NotFound('Invitation not found');
    if (invitation.status !== 'pending') throw new Gone(`This invitation has already been ${invitation.status}`);
    if (invitation.expiresAt <= new Date()) throw new Gone('This invitation has expired');
    if (!caller.emailVerified) throw new Forbidden('Verify your email address before joining a team');
    if (caller.email.toLowerCase() !== invitation.email.toLowerCase()) {
      throw new Forbidden('This invitation was sent to another email address');
    }
    await tx
      .insert(teamMembers)
      .values({ id: newId('member'), teamId: invitation.teamId, userId: caller.id, role: invitation.role })
      .onConflictDoNothing();
    await tx
      .update(teamInvitations)
      .set({ status: 'accepted', acceptedBy: caller.id, updatedAt: new Date() })
      .where(eq(teamInvitations.id, invitation.id));
    await recordAudit(tx, actorIn(invitation.teamId), { action: 'invitation.accepted', target: { type: 'invitation', id: invitation.id } });
    const [joined] = await tx
      .select({ team: teams, role: teamMembers.role })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(and(eq(teamMembers.teamId, invitation.teamId), eq(teamMembers.userId, caller.id)));
    return teamView(joined);
  });
}

/** Whether an address holds an invitation it can still accept (the invite-only sign-up policy asks). */
export async function hasOpenInvitation(db: Executor, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: teamInvitations.id })
    .from(teamInvitations)
    .where(
      and(
        eq(teamInvitations.status, 'pending'),
        gt(teamInvitations.expiresAt, new Date()),
        sql`lower(${teamInvitations.email}) = ${email.toLowerCase()}`,
      ),
    )
    .limit(1);
  return Boolean(row);
}
