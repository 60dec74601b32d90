import { z } from 'zod';
import type { TeamRole } from '@/db/schema';
import type { Scope } from '@/lib/auth/scopes';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call an endpoint, which is also the wrapper its route file uses:
 * project = a `bs_` key or a member's session (projectRoute), team = a member's session (teamRoute),
 * user = any signed-in session (userRoute), portal = a portal token in the path (portalRoute),
 * stripeSignature = Stripe's signed webhook (publicRoute that verifies), public = anyone (publicRoute).
 */
export type AuthKind = 'project' | 'team' | 'user' | 'portal' | 'stripeSignature' | 'public';

export type SuccessStatus = 200 | 201 | 202;

export type EndpointResponse =
  | { status: SuccessStatus; schema: z.ZodType; description?: string }
  | { status: 200; contentType: 'text/csv'; description: string };

export interface EndpointSpec {
  method: Method;
  /** OpenAPI style, below the site root: `/api/billstack/teams/{teamId}/...`. */
  path: string;
  auth: AuthKind;
  /** The scope a key (or the caller's role) needs; project endpoints only. */
  scope?: Scope;
  /** The team roles that may call a team endpoint; any member when absent. */
  roles?: readonly TeamRole[];
  /** The reference page's section. */
  tag: string;
  summary: string;
  description?: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A body the reference shows, parsed by `body` in tests/api/openapi.test.ts so that it stays valid. */
  bodyExample?: unknown;
  response: EndpointResponse;
  /** Error statuses beyond those every endpoint of its auth kind can answer (e.g. 409 on a duplicate, 502 when Stripe fails). */
  errors?: readonly number[];
  /** Still served for callers of an earlier URL; new callers are pointed elsewhere (the description says where). */
  deprecated?: true;
}

/** Declares an endpoint once, keeping its literal types so route files infer their body and query from it. */
export function endpoint<const E extends EndpointSpec>(spec: E): E {
  return spec;
}

/** A row of the route table: the endpoint and its operation id (`customers.create`), named by section and verb. */
export interface TableRow {
  operationId: string;
  endpoint: EndpointSpec;
}

export function rows(sections: Record<string, Record<string, EndpointSpec>>): TableRow[] {
  return Object.entries(sections).flatMap(([section, endpoints]) =>
    Object.entries(endpoints).map(([verb, endpoint]) => ({ operationId: `${section}.${verb}`, endpoint })),
  );
}

/** The app folder of an endpoint's route file: `/api/billstack/teams/{teamId}` is `teams/[teamId]`. */
export function routeFolder(path: string): string {
  return path.replace(/^\/api\/billstack\/?/, '').replace(/\{(\w+)\}/g, '[$1]');
}

export const timestamp = z.iso.datetime({ offset: true }).meta({ example: '2026-03-30T12:00:00.000Z' });
export const metadata = z.record(z.string(), z.string()).meta({ description: 'Your own key/value pairs, kept as sent.' });

/** A page of a list: the named array and the total matching the filters, for limit/offset paging. */
export function page<K extends string, T extends z.ZodType>(key: K, item: T) {
  return z.strictObject({ [key]: z.array(item), total: z.number().int() } as { [P in K]: z.ZodArray<T> } & { total: z.ZodNumber });
}

/** The answer of a delete: the id and `deleted: true`. */
export const deleted = z.strictObject({ id: z.string(), deleted: z.literal(true) });
