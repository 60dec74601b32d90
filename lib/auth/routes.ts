import type { NextRequest } from 'next/server';
import type { TeamRole } from '@/db/schema';
import { Forbidden, NotFound, Unauthorized } from '@/lib/http/errors';
import { isId } from '@/lib/http/ids';
import { defineRoute, type BaseContext } from '@/lib/http/route';
import { getProject } from '@/lib/projects/service';
import { findMembership, type TeamMembership } from '@/lib/teams/service';
import { sessionUser, type SessionUser } from './auth';

function bearerToken(req: NextRequest): string | null {
  const header = req.headers.get('authorization');
  return header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
}

async function requireUser(req: NextRequest): Promise<SessionUser> {
  if (bearerToken(req)?.startsWith('bs_')) {
    throw new Unauthorized('API keys cannot be used on team-level endpoints; sign in with a dashboard session');
  }
  const user = await sessionUser(req.headers);
  if (!user) throw new Unauthorized('Authentication required: sign in');
  return user;
}

async function requireMembership({ db, params }: BaseContext, user: SessionUser): Promise<TeamMembership> {
  const teamId = params.teamId;
  const membership = isId('team', teamId) ? await findMembership(db, { teamId, userId: user.id }) : null;
  // Not a member: the team does not exist for this user.
  if (!membership) throw new NotFound('Team not found');
  return membership;
}

function requireRole(membership: TeamMembership, roles: readonly TeamRole[] | undefined) {
  if (roles && !roles.includes(membership.role)) {
    throw new Forbidden(`This action requires the ${roles.join(' or ')} role`);
  }
}

/** No caller at all: health checks, portal tokens, Stripe webhooks authenticate themselves. */
export const publicRoute = defineRoute<object, object>(async () => ({}));

/** A signed-in dashboard user, outside any team. */
export const userRoute = defineRoute<object, { user: SessionUser }>(async ({ req }) => ({ user: await requireUser(req) }));

/** Team-level endpoints: session only, member of the team, optionally with one of some roles. */
export const teamRoute = defineRoute<{ roles?: readonly TeamRole[] }, { user: SessionUser; membership: TeamMembership }>(
  async (ctx) => {
    const user = await requireUser(ctx.req);
    const membership = await requireMembership(ctx, user);
    requireRole(membership, ctx.options.roles);
    return { user, membership };
  },
);

/** Project endpoints: a member's session, scoped to one project of the team. */
export const projectRoute = defineRoute<
  { roles?: readonly TeamRole[] },
  { user: SessionUser; membership: TeamMembership; project: Awaited<ReturnType<typeof getProject>> }
>(async (ctx) => {
  const user = await requireUser(ctx.req);
  const membership = await requireMembership(ctx, user);
  const project = await getProject(ctx.db, { teamId: membership.team.id, projectId: ctx.params.projectId });
  requireRole(membership, ctx.options.roles);
  return { user, membership, project };
});
