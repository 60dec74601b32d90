import type { NextRequest } from 'next/server';
import type { ApiKey, Project, TeamRole } from '@/db/schema';
import { touchApiKey, verifyApiKey, type KeyVerification } from '@/lib/api-keys/service';
import { apiKeyActor, userActor, type ActorContext } from '@/lib/audit/service';
import { assertSameOriginSession } from '@/lib/http/csrf';
import type { ErrorCode } from '@/lib/http/error-codes';
import { Forbidden, NotFound, TooManyRequests, Unauthorized } from '@/lib/http/errors';
import { isId } from '@/lib/http/ids';
import { idempotencyKeyOf, runIdempotently } from '@/lib/http/idempotency';
import { defineRoute, type BaseContext } from '@/lib/http/route';
import { getProject } from '@/lib/projects/service';
import { findMembership, type TeamMembership } from '@/lib/teams/service';
import { sessionUser, type SessionUser } from './auth';
import { apiKeyOf, authenticationRequired, keyRefusedOnTeamEndpoint, sessionRequired } from './credentials';
import { apiKeyRateLimit, rateLimiter } from './rate-limit';
import { roleScopes } from './roles';
import { hasScope, type Scope } from './scopes';

async function requireUser(req: NextRequest, whenMissing = sessionRequired): Promise<SessionUser> {
  if (req.headers.has('authorization')) throw keyRefusedOnTeamEndpoint();
  const user = await sessionUser(req.headers);
  if (!user) throw new Unauthorized(whenMissing);
  assertSameOriginSession(req);
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
    throw new Forbidden(`This action requires the ${roles.join(' or ')} role`, 'role_required');
  }
}

/** No caller at all: health checks, portal tokens, Stripe webhooks authenticate themselves. */
export const publicRoute = defineRoute<object, object>(async () => ({}));

/** A signed-in dashboard user, outside any team. */
export const userRoute = defineRoute<object, { user: SessionUser }>(async ({ req }) => ({ user: await requireUser(req) }));

/** Team-level endpoints: session only, member of the team, optionally with one of some roles. */
export const teamRoute = defineRoute<
  { roles?: readonly TeamRole[] },
  { user: SessionUser; membership: TeamMembership; actor: ActorContext }
>(async (ctx) => {
  const user = await requireUser(ctx.req);
  const membership = await requireMembership(ctx, user);
  requireRole(membership, ctx.options.roles);
  return { user, membership, actor: userActor(ctx.req, { teamId: membership.team.id, requestId: ctx.requestId, user }) };
});

export type ProjectCaller = { kind: 'session'; user: SessionUser; role: TeamRole } | { kind: 'apiKey'; key: ApiKey };

const keyRefusals: Record<Exclude<KeyVerification, { valid: true }>['code'], [string, ErrorCode]> = {
  MALFORMED: ['Malformed API key', 'invalid_api_key'],
  NOT_FOUND: ['Invalid API key', 'invalid_api_key'],
  REVOKED: ['API key has been revoked', 'api_key_revoked'],
  EXPIRED: ['API key has expired', 'api_key_expired'],
};

async function authenticateApiKey({ db, params }: BaseContext, token: string): Promise<{ caller: ProjectCaller; project: Project }> {
  const outcome = await verifyApiKey(db, token, { projectId: params.projectId });
  if (!outcome.valid) throw new Unauthorized(...keyRefusals[outcome.code]);
  const { key, project } = outcome;
  const limit = await rateLimiter().hit(key.id, apiKeyRateLimit());
  if (!limit.allowed) throw new TooManyRequests(limit.retryAfterSeconds);
  touchApiKey(db, key);
  // A key sees only its own team and projects: anything else does not exist for it.
  if (key.teamId !== params.teamId) throw new NotFound('Team not found');
  if (!project || (key.projectIds && !key.projectIds.includes(project.id))) throw new NotFound('Project not found');
  return { caller: { kind: 'apiKey', key }, project };
}

async function authenticateSession(ctx: BaseContext): Promise<{ caller: ProjectCaller; project: Project }> {
  const user = await requireUser(ctx.req, authenticationRequired);
  const membership = await requireMembership(ctx, user);
  const project = await getProject(ctx.db, { teamId: membership.team.id, projectId: ctx.params.projectId });
  return { caller: { kind: 'session', user, role: membership.role }, project };
}

/** A key holds the scopes it was issued with; a session those of its role in the team. */
function callerScopes(caller: ProjectCaller): readonly string[] {
  return caller.kind === 'apiKey' ? caller.key.scopes : roleScopes[caller.role];
}

/** Project endpoints: a `bs_` key scoped to the project, or a team member's session; both need `scope`. */
export const projectRoute = defineRoute<
  { scope?: Scope },
  { caller: ProjectCaller; project: Project; actor: ActorContext; idempotencyKey: string | null }
>(
  async (ctx) => {
  const token = apiKeyOf(ctx.req);
  const { caller, project } = token !== null ? await authenticateApiKey(ctx, token) : await authenticateSession(ctx);
  const { scope } = ctx.options;
  if (scope && !hasScope(callerScopes(caller), scope)) throw new Forbidden(`Missing scope ${scope}`, 'missing_scope');
  const idempotencyKey = ctx.req.method === 'POST' ? idempotencyKeyOf(ctx.req.headers) : null;
  const actor =
    caller.kind === 'apiKey'
      ? apiKeyActor(ctx.req, { requestId: ctx.requestId, key: caller.key })
      : userActor(ctx.req, { teamId: project.teamId, requestId: ctx.requestId, user: caller.user });
  return { caller, project, actor, idempotencyKey };
  },
  ({ db, req, project, idempotencyKey, body }, run) =>
    idempotencyKey
      ? runIdempotently(db, { teamId: project.teamId, projectId: project.id }, idempotencyKey, { method: req.method, path: req.nextUrl.pathname, body }, run)
      : run(),
);
