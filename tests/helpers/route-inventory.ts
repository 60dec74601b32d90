/**
 * Every route file and method under app/api/billstack that is not a project endpoint (those are listed with
 * their scopes and fixtures in project-endpoints.ts), read from the route table (lib/api/table).
 * tests/security/route-inventory.test.ts globs the route files and fails when a method is in neither list, so a
 * new route cannot escape the security matrices.
 */
import { routeFolder, type AuthKind, type Method } from '@/lib/api/endpoint';
import { routeTable } from '@/lib/api/table';
import type { TeamRole } from '@/db/schema';

export type { Method };

/** A route is named by its folder below app/api/billstack, as in `teams/[teamId]/api-keys`. */
export interface TeamEndpoint {
  route: string;
  method: Method;
  /** Who in the team may call it: any member, owners and admins (lib/auth/roles.ts `teamAdminRoles`), or owners only. */
  access: 'member' | 'admin' | 'owner';
}

/** Who may call an endpoint restricted to `roles`: every member when it is not restricted. */
function accessOf(roles: readonly TeamRole[] | undefined): TeamEndpoint['access'] {
  if (!roles) return 'member';
  return roles.includes('admin') ? 'admin' : 'owner';
}

/** Team-level endpoints: dashboard sessions only; tests/security/team-guard.test.ts runs the matrix over them. */
export const teamEndpoints: TeamEndpoint[] = routeTable
  .map((row) => row.endpoint)
  .filter((endpoint) => endpoint.auth === 'team')
  .map((endpoint) => ({ route: routeFolder(endpoint.path), method: endpoint.method, access: accessOf(endpoint.roles) }));

const testedIn: Record<Exclude<AuthKind, 'project' | 'team'>, string> = {
  user: 'a session (userRoute): tests/api/teams.test.ts, tests/security/verified-invitations.test.ts',
  portal: 'the portal token: tests/portal',
  stripeSignature: "the team's Stripe signature: tests/webhooks",
  public: 'nothing (public): tests/api/openapi.test.ts',
};

/** Endpoints outside any team's matrix, each with what authenticates it and where that is tested. */
export const otherEndpoints: { route: string; method: Method; authenticatedBy: string }[] = routeTable.flatMap(({ endpoint }) =>
  endpoint.auth === 'project' || endpoint.auth === 'team'
    ? []
    : [{ route: routeFolder(endpoint.path), method: endpoint.method, authenticatedBy: testedIn[endpoint.auth] }],
);
