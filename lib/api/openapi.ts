import { z } from 'zod';
import { errorCodes } from '@/lib/http/error-codes';
import { apiVersion } from '@/lib/http/version';
import type { AuthKind, EndpointSpec, TableRow } from './endpoint';
import { routeTable } from './table';

type Json = Record<string, unknown>;

const componentRef = (name: string) => `#/components/schemas/${name}`;

/**
 * zod 4's JSON Schema of a request (`input`: what a client sends, before defaults and transforms) or a response
 * (`output`). Schemas given an `id` in their meta come back as `$defs`; they are lifted into the document's
 * components so that each is written once.
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output', components: Json): Json {
  const { $schema: _dialect, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  Object.assign(components, $defs as Json | undefined);
  return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', `"${componentRef('')}`));
}

const security: Record<AuthKind, Json[]> = {
  project: [{ apiKey: [] }, { session: [] }],
  team: [{ session: [] }],
  user: [{ session: [] }],
  portal: [],
  stripeSignature: [{ stripeSignature: [] }],
  public: [],
};

/** Who may call, said in words at the top of each operation's description. */
function accessNote(endpoint: EndpointSpec): string {
  switch (endpoint.auth) {
    case 'project':
      return endpoint.scope
        ? `Requires scope \`${endpoint.scope}\` (an API key issued with it, or a team member's session whose role grants it).`
        : 'Any API key valid for the project, or a team member\'s session.';
    case 'team':
      return endpoint.roles
        ? `Dashboard session of a team ${endpoint.roles.join(' or ')}; API keys are refused.`
        : 'Dashboard session of any team member; API keys are refused.';
    case 'user':
      return 'Any signed-in dashboard session.';
    case 'portal':
      return 'Authenticated by the portal token in the path alone (a link issued with `POST .../portal`).';
    case 'stripeSignature':
      return "Authenticated by Stripe's `Stripe-Signature` header, checked with the team's webhook secret.";
    case 'public':
      return 'Public.';
  }
}

const errorResponses: Record<number, { description: string; example: string; code: string }> = {
  400: {
    description: 'Invalid input: the message names the field',
    example: 'Invalid body field "email": Invalid email address',
    code: 'validation_error',
  },
  401: { description: 'Missing or invalid credentials', example: 'Invalid API key', code: 'unauthorized' },
  402: { description: 'Payment required: Stripe declined the payment', example: 'Your card was declined.', code: 'card_declined' },
  403: { description: 'Authenticated, but a scope or role is missing', example: 'Missing scope customers:write', code: 'missing_scope' },
  404: { description: "Not found, or another team's or project's", example: 'Customer not found', code: 'not_found' },
  409: {
    description: 'Conflicts with the current state (a duplicate, a state that forbids the change)',
    example: 'A customer with this email already exists',
    code: 'conflict',
  },
  413: { description: 'The body is over the size limit', example: 'Request body too large', code: 'payload_too_large' },
  429: { description: 'Rate limited: retry after `Retry-After` seconds', example: 'Rate limit exceeded', code: 'rate_limited' },
  500: {
    description: 'Unexpected error; the message carries the request id',
    example: 'Internal server error (request req_a1b2c3)',
    code: 'internal_error',
  },
  502: { description: 'Stripe failed or could not be reached', example: 'Stripe request failed', code: 'stripe_error' },
};

/** The statuses an endpoint can answer besides success: those of its way of authenticating, and its own. */
function errorStatuses(endpoint: EndpointSpec): number[] {
  const byAuth: Record<AuthKind, number[]> = {
    project: [401, 403, 404, 429],
    team: endpoint.roles ? [401, 403, 404] : [401, 404],
    user: [401],
    portal: [401, 404, 429],
    stripeSignature: [429],
    public: [],
  };
  const hasParams = /\{\w+\}/.test(endpoint.path);
  const input = endpoint.body || endpoint.query || hasParams ? [400] : [];
  return [...new Set([...input, ...byAuth[endpoint.auth], ...(endpoint.errors ?? []), 500])].sort((a, b) => a - b);
}

const paging: Record<string, string> = {
  limit: 'Maximum items to return (1 to 100, default 50).',
  offset: 'Number of items to skip (default 0); the answer\'s `total` counts them all.',
};

function parameters(endpoint: EndpointSpec, components: Json): Json[] {
  const path = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  const query: Json[] = [];
  if (endpoint.query) {
    const schema = jsonSchema(endpoint.query, 'input', components) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const { description, ...rest } = property;
      query.push({
        name,
        in: 'query',
        required: schema.required?.includes(name) ?? false,
        schema: rest,
        ...((description ?? paging[name]) ? { description: description ?? paging[name] } : {}),
      });
    }
  }
  // Every project POST may be retried safely: the same key within 24 hours replays the first answer.
  const idempotency =
    endpoint.auth === 'project' && endpoint.method === 'POST'
      ? [{ $ref: '#/components/parameters/IdempotencyKey' }]
      : [];
  return [...path, ...query, ...idempotency];
}

function operation({ operationId, endpoint }: TableRow, components: Json): Json {
  const { response } = endpoint;
  const success =
    'schema' in response
      ? {
          description: response.description ?? 'Success',
          content: { 'application/json': { schema: jsonSchema(response.schema, 'output', components) } },
        }
      : { description: response.description, content: { [response.contentType]: { schema: { type: 'string' } } } };
  const errors = Object.fromEntries(errorStatuses(endpoint).map((status) => [String(status), { $ref: `#/components/responses/E${status}` }]));
  const note = accessNote(endpoint);
  return {
    operationId,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    description: endpoint.description ? `${note}\n\n${endpoint.description}` : note,
    security: security[endpoint.auth],
    ...(endpoint.scope ? { 'x-billstack-scope': endpoint.scope } : {}),
    ...(endpoint.roles ? { 'x-billstack-roles': endpoint.roles } : {}),
    ...(endpoint.deprecated ? { deprecated: true } : {}),
    parameters: parameters(endpoint, components),
    ...(endpoint.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: jsonSchema(endpoint.body, 'input', components),
                ...(endpoint.bodyExample === undefined ? {} : { example: endpoint.bodyExample }),
              },
            },
          },
        }
      : {}),
    responses: { [String(response.status)]: success, ...errors },
  };
}

function errorComponents(): Json {
  return Object.fromEntries(
    Object.entries(errorResponses).map(([status, { description, example, code }]) => [
      `E${status}`,
      {
        description,
        ...(status === '429' ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
        content: { 'application/json': { schema: { $ref: componentRef('Error') }, example: { error: example, code } } },
      },
    ]),
  );
}

/** The OpenAPI 3.1 document of every endpoint in the route table. */
export function openApiDocument(table: TableRow[] = routeTable): Json {
  const components: Json = {
    Error: {
      type: 'object',
      properties: {
        error: { type: 'string', description: 'For people: the message to show or log.' },
        code: {
          type: 'string',
          description:
            'For programs: a stable machine-readable code, one of `x-billstack-codes` (or Stripe\'s own code when `source` is `stripe`).',
          'x-billstack-codes': errorCodes,
        },
        field: { type: 'string', description: 'The invalid body or query field, on a `validation_error`.' },
        source: { type: 'string', enum: ['stripe'], description: 'Present when Stripe refused the request: `code` is then Stripe\'s.' },
      },
      required: ['error', 'code'],
      example: { error: 'Customer not found', code: 'not_found' },
    },
  };
  const paths: Record<string, Json> = {};
  for (const row of table) {
    paths[row.endpoint.path] = { ...paths[row.endpoint.path], [row.endpoint.method.toLowerCase()]: operation(row, components) };
  }
  const tags = [...new Set(table.map((row) => row.endpoint.tag))].map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'BillStack API',
      version: apiVersion,
      description:
        'Self-hosted multi-tenant billing on Stripe. Project endpoints take an API key (`Authorization: Bearer bs_...`) ' +
        "or a team member's dashboard session; team endpoints take sessions only. Money is an integer in minor units " +
        'with its currency. Lists page with `limit` and `offset` and answer the `total`. Errors answer `{"error": "...", "code": "..."}`.',
    },
    servers: [{ url: '/', description: 'This BillStack' }],
    tags,
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'bs_ API key',
          description: 'A project API key, `bs_...`, created in the dashboard.',
        },
        session: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token', description: 'The dashboard session cookie.' },
        stripeSignature: { type: 'apiKey', in: 'header', name: 'Stripe-Signature', description: "Stripe's webhook signature." },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice.',
          schema: { type: 'string', pattern: '^[\x21-\x7e]{1,255}$' },
        },
      },
      responses: errorComponents(),
      schemas: components,
    },
  };
}
