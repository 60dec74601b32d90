import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import type { TeamRole } from '@/db/schema';
import { sessionUser } from '@/lib/auth/auth';
import { isTeamAdmin, roleScopes } from '@/lib/auth/roles';
import { hasScope, type Scope } from '@/lib/auth/scopes';
import { NotFound } from '@/lib/http/errors';
import { isId } from '@/lib/http/ids';
import { getProject } from '@/lib/projects/service';
import { findMembership, listTeams } from '@/lib/teams/service';

// cache() dedupes these within one render, so a layout and its page share one lookup.

/** The signed-in user; anyone else is sent to sign in. */
export const requireUser = cache(async () => {
  const user = await sessionUser(await headers());
  if (!user) redirect('/sign-in');
  return user;
});

/** The switcher shows the first page of teams; the /teams page says when there are more. */
export const myTeams = cache(async () => {
  const user = await requireUser();
  return listTeams(await getDb(), { userId: user.id, limit: 100, offset: 0 });
});

/** The user's membership of a team; a team they are not in does not exist for them. */
export const requireMembership = cache(async (teamId: string) => {
  const user = await requireUser();
  const membership = isId('team', teamId) ? await findMembership(await getDb(), { teamId, userId: user.id }) : null;
  if (!membership) notFound();
  return membership;
});

export const requireProject = cache(async (teamId: string, projectId: string) => {
  const membership = await requireMembership(teamId);
  try {
    return await getProject(await getDb(), { teamId: membership.team.id, projectId });
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
});

/** Whether the role may use the team's administration (keys, Stripe, members, projects, settings). */
export function canManage(role: TeamRole): boolean {
  return isTeamAdmin(role);
}

/** Whether the role holds a scope, so a page offers only the actions its API calls would allow. */
export function canUse(role: TeamRole, scope: Scope): boolean {
  return hasScope(roleScopes[role], scope);
}
