import type { TeamRole } from '@/db/schema';
import { scopes, type Scope } from './scopes';

const readScopes = scopes.filter((scope) => scope.endsWith(':read'));

/**
 * What each team role may do, in the scopes API keys carry, so a session and a key are checked by the same
 * rule: owners and admins hold every scope, members only the read scopes.
 */
export const roleScopes: Record<TeamRole, readonly Scope[]> = {
  owner: ['*'],
  admin: ['*'],
  member: readScopes,
};

/** The roles that administer a team (keys, Stripe, members, projects, settings): those holding every scope. */
export const teamAdminRoles = (Object.keys(roleScopes) as TeamRole[]).filter((role) => roleScopes[role].includes('*'));

/** The roles that may rename away or delete the team itself: only its owners. */
export const teamOwnerRoles: readonly TeamRole[] = ['owner'];

export function isTeamAdmin(role: TeamRole): boolean {
  return teamAdminRoles.includes(role);
}

export function isTeamOwner(role: TeamRole): boolean {
  return teamOwnerRoles.includes(role);
}
