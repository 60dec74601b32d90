/**
 * Every route file and method under app/api/billstack that is not a project endpoint (those are listed with
 * their scopes in project-endpoints.ts). tests/security/route-inventory.test.ts globs the route files and fails
 * when a method is in neither list, so a new route cannot escape the security matrices.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A route is named by its folder below app/api/billstack, as in `teams/[teamId]/api-keys`. */
export interface TeamEndpoint {
  route: string;
  method: Method;
  /** Who in the team may call it: any member, owners and admins (lib/auth/roles.ts `teamAdminRoles`), or owners only. */
  access: 'member' | 'admin' | 'owner';
}

/** Team-level endpoints: dashboard sessions only; tests/security/team-guard.test.ts runs the matrix over them. */
export const teamEndpoints: TeamEndpoint[] = [
  { route: 'teams/[teamId]', method: 'GET', access: 'member' },
  { route: 'teams/[teamId]', method: 'PATCH', access: 'admin' },
  { route: 'teams/[teamId]', method: 'DELETE', access: 'owner' },
  { route: 'teams/[teamId]/projects', method: 'GET', access: 'member' },
  { route: 'teams/[teamId]/projects', method: 'POST', access: 'admin' },
  { route: 'teams/[teamId]/projects/[projectId]', method: 'PATCH', access: 'admin' },
  { route: 'teams/[teamId]/projects/[projectId]', method: 'DELETE', access: 'admin' },
  { route: 'teams/[teamId]/api-keys', method: 'GET', access: 'admin' },
  { route: 'teams/[teamId]/api-keys', method: 'POST', access: 'admin' },
  { route: 'teams/[teamId]/api-keys/[keyId]', method: 'GET', access: 'admin' },
  { route: 'teams/[teamId]/api-keys/[keyId]', method: 'DELETE', access: 'admin' },
  { route: 'teams/[teamId]/stripe', method: 'GET', access: 'admin' },
  { route: 'teams/[teamId]/stripe', method: 'POST', access: 'admin' },
  { route: 'teams/[teamId]/stripe', method: 'DELETE', access: 'admin' },
  { route: 'teams/[teamId]/members', method: 'GET', access: 'member' },
  { route: 'teams/[teamId]/members', method: 'POST', access: 'admin' },
  { route: 'teams/[teamId]/members/[userId]', method: 'PATCH', access: 'admin' },
  { route: 'teams/[teamId]/members/[userId]', method: 'DELETE', access: 'admin' },
  { route: 'teams/[teamId]/invitations', method: 'GET', access: 'admin' },
  { route: 'teams/[teamId]/invitations/[invitationId]', method: 'DELETE', access: 'admin' },
  { route: 'teams/[teamId]/audit-log', method: 'GET', access: 'admin' },
  { route: 'teams/[teamId]/webhook-events', method: 'GET', access: 'admin' },
  { route: 'teams/[teamId]/webhook-events/[eventId]', method: 'GET', access: 'admin' },
  { route: 'teams/[teamId]/webhook-events/[eventId]/retry', method: 'POST', access: 'admin' },
  { route: 'teams/[teamId]/webhook-events/replay', method: 'POST', access: 'admin' },
];

/** Endpoints outside any team, each with what authenticates it and where that is tested. */
export const otherEndpoints: { route: string; method: Method; authenticatedBy: string }[] = [
  { route: 'teams', method: 'GET', authenticatedBy: 'a session (userRoute): tests/api/teams.test.ts' },
  { route: 'teams', method: 'POST', authenticatedBy: 'a session (userRoute): tests/api/teams.test.ts' },
  { route: 'invitations/[token]/accept', method: 'POST', authenticatedBy: 'a session and the mailed token: tests/security/verified-invitations.test.ts' },
  { route: 'webhooks/stripe/[teamId]', method: 'POST', authenticatedBy: "the team's Stripe signature: tests/webhooks" },
  ...(
    [
      ['portal/[token]', 'GET'],
      ['portal/[token]/invoices', 'GET'],
      ['portal/[token]/referrals', 'GET'],
      ['portal/[token]/stripe-portal', 'POST'],
      ['portal/[token]/subscriptions', 'GET'],
      ['portal/[token]/subscriptions/[subscriptionId]/plans', 'GET'],
      ['portal/[token]/subscriptions/[subscriptionId]/cancel', 'POST'],
      ['portal/[token]/subscriptions/[subscriptionId]/resume', 'POST'],
      ['portal/[token]/subscriptions/[subscriptionId]/change', 'POST'],
      ['portal/[token]/subscriptions/[subscriptionId]/change/preview', 'GET'],
    ] as const
  ).map(([route, method]) => ({ route, method, authenticatedBy: 'the portal token: tests/portal' })),
];
