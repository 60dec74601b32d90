import type { Scope } from '@/lib/auth/scopes';
import type { RouteHandler } from '@/lib/http/route';
import * as projectRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/route';
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

export const projectEndpoints: ProjectEndpoint[] = [
  { name: 'GET project', method: 'GET', handler: projectRoute.GET, success: 200 },
];
