import type { Scope } from '@/lib/auth/scopes';
import type { RouteHandler } from '@/lib/http/route';
import * as projectRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/route';
import * as customersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/route';
import * as customerRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/route';
import { uniqueEmail } from './fixtures';
import { createCustomerRow } from './catalog';
import type { World } from './world';

/**
 * Every project endpoint, for the shared security matrix (tests/auth/project-guard.test.ts).
 * A new endpoint joins the matrix with one entry here.
 */
export interface ProjectEndpoint {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  handler: RouteHandler;
  /** The path below /projects/{projectId}, and its extra params, made fresh for each call. */
  target?: (world: World) => Promise<{ path: string; params?: Record<string, string> }>;
  scope?: Scope;
  body?: () => unknown;
  /** The status of an authorised call. */
  success: number;
}

const customerTarget = async (world: World) => {
  const customer = await createCustomerRow(world);
  return { path: `/customers/${customer.id}`, params: { customerId: customer.id } };
};

export const projectEndpoints: ProjectEndpoint[] = [
  { name: 'GET project', method: 'GET', handler: projectRoute.GET, success: 200 },
  { name: 'GET customers', method: 'GET', handler: customersRoute.GET, scope: 'customers:read', target: async () => ({ path: '/customers' }), success: 200 },
  {
    name: 'POST customers',
    method: 'POST',
    handler: customersRoute.POST,
    scope: 'customers:write',
    target: async () => ({ path: '/customers' }),
    body: () => ({ email: uniqueEmail('matrix') }),
    success: 201,
  },
  { name: 'GET customer', method: 'GET', handler: customerRoute.GET, scope: 'customers:read', target: customerTarget, success: 200 },
  {
    name: 'PATCH customer',
    method: 'PATCH',
    handler: customerRoute.PATCH,
    scope: 'customers:write',
    target: customerTarget,
    body: () => ({ name: 'Renamed' }),
    success: 200,
  },
  { name: 'DELETE customer', method: 'DELETE', handler: customerRoute.DELETE, scope: 'customers:write', target: customerTarget, success: 200 },
];
