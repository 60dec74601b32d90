import { z } from 'zod';
import { teamRoles, webhookEventStatuses } from '@/db/schema';
import { createApiKeyBody } from '@/lib/api-keys/schemas';
import { listAuditEventsQuery } from '@/lib/audit/schemas';
import { teamAdminRoles, teamOwnerRoles } from '@/lib/auth/roles';
import { paginationQuery } from '@/lib/http/pagination';
import { connectStripeBody } from '@/lib/stripe/schemas';
import { createTeamBody, inviteMemberBody, updateMemberBody, updateTeamBody } from '@/lib/teams/schemas';
import { listWebhookEventsQuery } from '@/lib/webhooks/log-schemas';
import { replayBody } from '@/lib/webhooks/replay';
import { intakeQuery } from '@/lib/webhooks/schemas';
import { deleted, endpoint, page, timestamp } from '../endpoint';

const team = '/api/billstack/teams/{teamId}';
const intakeReceipt = {
  status: 200,
  schema: z.strictObject({ received: z.literal(true), eventId: z.string(), status: z.enum(['queued', 'duplicate']) }),
} as const;
const role = z.enum(teamRoles);

export const teamResponse = z
  .strictObject({ id: z.string(), name: z.string(), role, createdAt: timestamp })
  .meta({ id: 'Team', example: { id: 'team_a1b2c3', name: 'Acme', role: 'owner', createdAt: '2026-03-30T12:00:00.000Z' } });
const memberResponse = z
  .strictObject({ id: z.string(), userId: z.string(), email: z.string(), name: z.string(), role, createdAt: timestamp })
  .meta({ id: 'Member' });
const invitationResponse = z
  .strictObject({
    id: z.string(),
    email: z.string(),
    role,
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    expiresAt: timestamp,
    createdAt: timestamp,
  })
  .meta({ id: 'Invitation' });
const auditEventResponse = z
  .strictObject({
    id: z.string(),
    at: timestamp,
    actor: z.strictObject({ type: z.enum(['user', 'apiKey']), id: z.string(), label: z.string() }),
    action: z.string(),
    target: z.strictObject({ type: z.string(), id: z.string() }),
    requestId: z.string(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
const apiKeyResponse = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    start: z.string().meta({ description: 'The first characters of the key, to recognise it.' }),
    projectIds: z.union([z.array(z.string()), z.literal('all')]),
    scopes: z.array(z.string()),
    createdAt: timestamp,
    expiresAt: timestamp.nullable(),
    lastUsedAt: timestamp.nullable(),
  })
  .meta({ id: 'ApiKey' });
const stripeConnectionResponse = z
  .discriminatedUnion('connected', [
    z.strictObject({ connected: z.literal(false), accountId: z.null(), livemode: z.null(), connectedAt: z.null() }),
    z.strictObject({ connected: z.literal(true), accountId: z.string(), livemode: z.boolean(), connectedAt: timestamp }),
  ])
  .meta({ id: 'StripeConnection' });
const webhookEventFields = {
  id: z.string(),
  stripeEventId: z.string(),
  type: z.string(),
  objectId: z.string().nullable(),
  projectId: z.string().nullable(),
  status: z.enum(webhookEventStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  receivedAt: timestamp,
  appliedAt: timestamp.nullable(),
};
const webhookEventResponse = z.strictObject(webhookEventFields).meta({ id: 'StripeWebhookEvent' });

export const teamsApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/billstack/teams',
    auth: 'user',
    tag: 'Teams',
    summary: 'List your teams',
    query: paginationQuery,
    response: { status: 200, schema: page('teams', teamResponse) },
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/billstack/teams',
    auth: 'user',
    tag: 'Teams',
    summary: 'Create a team (you become its owner)',
    body: createTeamBody,
    response: { status: 201, schema: z.strictObject({ team: teamResponse }) },
  }),
  get: endpoint({
    method: 'GET',
    path: team,
    auth: 'team',
    tag: 'Teams',
    summary: 'Get a team',
    response: { status: 200, schema: z.strictObject({ team: teamResponse }) },
  }),
  rename: endpoint({
    method: 'PATCH',
    path: team,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Teams',
    summary: 'Rename a team',
    body: updateTeamBody,
    response: { status: 200, schema: z.strictObject({ team: teamResponse }) },
  }),
  delete: endpoint({
    method: 'DELETE',
    path: team,
    auth: 'team',
    roles: teamOwnerRoles,
    tag: 'Teams',
    summary: "Delete a team with everything it holds (owners only); BillStack's webhook endpoint is removed from the Stripe account first",
    response: { status: 200, schema: deleted },
  }),
  acceptInvitation: endpoint({
    method: 'POST',
    path: '/api/billstack/invitations/{token}/accept',
    auth: 'user',
    tag: 'Members',
    summary: 'Accept an invitation mailed to your address',
    response: { status: 200, schema: z.strictObject({ team: teamResponse }) },
    errors: [409],
  }),
  auditLog: endpoint({
    method: 'GET',
    path: `${team}/audit-log`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Teams',
    summary: "List the team's audit events, newest first",
    query: listAuditEventsQuery,
    response: { status: 200, schema: page('events', auditEventResponse) },
  }),
};

export const membersApi = {
  list: endpoint({
    method: 'GET',
    path: `${team}/members`,
    auth: 'team',
    tag: 'Members',
    summary: 'List members',
    query: paginationQuery,
    response: { status: 200, schema: page('members', memberResponse) },
  }),
  invite: endpoint({
    method: 'POST',
    path: `${team}/members`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Members',
    summary: 'Invite a member by email',
    body: inviteMemberBody,
    response: { status: 201, schema: z.strictObject({ invitation: invitationResponse }) },
    errors: [409],
  }),
  changeRole: endpoint({
    method: 'PATCH',
    path: `${team}/members/{userId}`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Members',
    summary: "Change a member's role",
    body: updateMemberBody,
    response: { status: 200, schema: z.strictObject({ member: memberResponse }) },
    errors: [409],
  }),
  remove: endpoint({
    method: 'DELETE',
    path: `${team}/members/{userId}`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Members',
    summary: 'Remove a member',
    response: { status: 200, schema: z.strictObject({ userId: z.string(), deleted: z.literal(true) }) },
    errors: [409],
  }),
  listInvitations: endpoint({
    method: 'GET',
    path: `${team}/invitations`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Members',
    summary: 'List invitations',
    query: paginationQuery,
    response: { status: 200, schema: page('invitations', invitationResponse) },
  }),
  revokeInvitation: endpoint({
    method: 'DELETE',
    path: `${team}/invitations/{invitationId}`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Members',
    summary: 'Revoke an invitation',
    response: { status: 200, schema: deleted },
  }),
};

export const apiKeysApi = {
  list: endpoint({
    method: 'GET',
    path: `${team}/api-keys`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'API keys',
    summary: 'List API keys',
    query: paginationQuery,
    response: { status: 200, schema: page('apiKeys', apiKeyResponse) },
  }),
  create: endpoint({
    method: 'POST',
    path: `${team}/api-keys`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'API keys',
    summary: 'Create an API key',
    description: 'The `key` is shown once, in this answer: only its hash is stored.',
    body: createApiKeyBody,
    bodyExample: { name: 'backend', projectIds: 'all', scopes: ['customers:read', 'customers:write', 'checkout:write'] },
    response: {
      status: 201,
      schema: z.strictObject({ apiKey: apiKeyResponse, key: z.string().meta({ example: 'bs_live_a1b2c3d4e5f6' }) }),
    },
  }),
  get: endpoint({
    method: 'GET',
    path: `${team}/api-keys/{keyId}`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'API keys',
    summary: 'Get an API key',
    response: { status: 200, schema: z.strictObject({ apiKey: apiKeyResponse }) },
  }),
  revoke: endpoint({
    method: 'DELETE',
    path: `${team}/api-keys/{keyId}`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'API keys',
    summary: 'Revoke an API key (effective on the next request)',
    response: { status: 200, schema: deleted },
  }),
};

export const stripeApi = {
  get: endpoint({
    method: 'GET',
    path: `${team}/stripe`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Stripe connection',
    summary: "Get the team's Stripe connection",
    response: { status: 200, schema: z.strictObject({ stripe: stripeConnectionResponse }) },
  }),
  connect: endpoint({
    method: 'POST',
    path: `${team}/stripe`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Stripe connection',
    summary: 'Connect Stripe with a secret or restricted key',
    body: connectStripeBody,
    response: { status: 201, schema: z.strictObject({ stripe: stripeConnectionResponse }) },
    errors: [502],
  }),
  disconnect: endpoint({
    method: 'DELETE',
    path: `${team}/stripe`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Stripe connection',
    summary: 'Disconnect Stripe',
    response: { status: 200, schema: z.strictObject({ stripe: stripeConnectionResponse }) },
  }),
  listEvents: endpoint({
    method: 'GET',
    path: `${team}/webhook-events`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Stripe connection',
    summary: 'List received Stripe events',
    query: listWebhookEventsQuery,
    response: { status: 200, schema: page('events', webhookEventResponse) },
  }),
  getEvent: endpoint({
    method: 'GET',
    path: `${team}/webhook-events/{eventId}`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Stripe connection',
    summary: 'Get a received Stripe event with its payload',
    response: {
      status: 200,
      schema: z.strictObject({ event: z.strictObject({ ...webhookEventFields, payload: z.unknown() }) }),
    },
  }),
  retryEvent: endpoint({
    method: 'POST',
    path: `${team}/webhook-events/{eventId}/retry`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Stripe connection',
    summary: 'Apply a received Stripe event again',
    response: { status: 202, schema: z.strictObject({ event: webhookEventResponse }) },
  }),
  replayEvents: endpoint({
    method: 'POST',
    path: `${team}/webhook-events/replay`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Stripe connection',
    summary: 'Fetch and queue the Stripe events of a time range that never arrived',
    body: replayBody,
    response: {
      status: 202,
      schema: z.strictObject({
        replay: z.strictObject({
          from: timestamp,
          to: timestamp,
          fetched: z.number().int(),
          queued: z.number().int(),
          alreadyKnown: z.number().int(),
        }),
      }),
    },
    errors: [502],
  }),
  intake: endpoint({
    method: 'POST',
    path: '/api/billstack/webhooks/stripe',
    auth: 'stripeSignature',
    tag: 'Stripe connection',
    summary: "Receive the team's Stripe webhooks",
    description:
      'Called by Stripe at the URL BillStack registers when the team connects (`?team={teamId}`), authenticated by the ' +
      '`Stripe-Signature` header; the event is stored and applied by the worker.',
    query: intakeQuery,
    response: intakeReceipt,
    errors: [413],
  }),
  intakeAtTeamPath: endpoint({
    method: 'POST',
    path: '/api/billstack/webhooks/stripe/{teamId}',
    auth: 'stripeSignature',
    tag: 'Stripe connection',
    summary: "Receive the team's Stripe webhooks (URL of endpoints registered before)",
    description: 'The same intake at the URL BillStack registered with Stripe before: such endpoints keep delivering. New ones use `?team=`.',
    deprecated: true,
    response: intakeReceipt,
    errors: [413],
  }),
};
