import { z } from 'zod';
import { historyImportStatuses, planChangeTimings, prorationBehaviors } from '@/db/schema';
import { teamAdminRoles } from '@/lib/auth/roles';
import { paginationQuery } from '@/lib/http/pagination';
import { createProjectBody, updateProjectBody, updateProjectSettingsBody } from '@/lib/projects/schemas';
import { deleted, endpoint, page, timestamp } from '../endpoint';

const team = '/api/billstack/teams/{teamId}';
export const projectPath = `${team}/projects/{projectId}`;

const projectResponse = z
  .strictObject({ id: z.string(), teamId: z.string(), name: z.string(), allowedOrigins: z.array(z.string()), createdAt: timestamp })
  .meta({
    id: 'Project',
    example: { id: 'proj_a1b2c3', teamId: 'team_a1b2c3', name: 'Production', allowedOrigins: [], createdAt: '2026-03-30T12:00:00.000Z' },
  });
const planChangeDefault = z.strictObject({ when: z.enum(planChangeTimings), proration: z.enum(prorationBehaviors) });
const settingsResponse = z
  .strictObject({ planChanges: z.strictObject({ upgrade: planChangeDefault, downgrade: planChangeDefault }) })
  .meta({ id: 'ProjectSettings' });
const historyImportResponse = z
  .strictObject({
    id: z.string(),
    status: z.enum(historyImportStatuses),
    processed: z.number().int(),
    total: z.number().int().nullable(),
    historyRows: z.number().int(),
    error: z.string().nullable(),
    startedAt: timestamp,
    finishedAt: timestamp.nullable(),
  })
  .meta({ id: 'HistoryImport' });
const syncCounts = z.strictObject({ created: z.number().int(), updated: z.number().int() });

export const projectsApi = {
  list: endpoint({
    method: 'GET',
    path: `${team}/projects`,
    auth: 'team',
    tag: 'Projects',
    summary: "List the team's projects",
    query: paginationQuery,
    response: { status: 200, schema: page('projects', projectResponse) },
  }),
  create: endpoint({
    method: 'POST',
    path: `${team}/projects`,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Projects',
    summary: 'Create a project',
    body: createProjectBody,
    response: { status: 201, schema: z.strictObject({ project: projectResponse }) },
  }),
  get: endpoint({
    method: 'GET',
    path: projectPath,
    auth: 'project',
    tag: 'Projects',
    summary: 'Get a project (any valid key for it)',
    response: { status: 200, schema: z.strictObject({ project: projectResponse }) },
  }),
  update: endpoint({
    method: 'PATCH',
    path: projectPath,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Projects',
    summary: "Rename a project or set its allowed redirect origins",
    body: updateProjectBody,
    response: { status: 200, schema: z.strictObject({ project: projectResponse }) },
  }),
  delete: endpoint({
    method: 'DELETE',
    path: projectPath,
    auth: 'team',
    roles: teamAdminRoles,
    tag: 'Projects',
    summary: 'Delete a project and everything in it',
    response: { status: 200, schema: deleted },
  }),
  getSettings: endpoint({
    method: 'GET',
    path: `${projectPath}/settings`,
    auth: 'project',
    scope: 'subscriptions:read',
    tag: 'Projects',
    summary: "Get the project's plan-change defaults",
    response: { status: 200, schema: z.strictObject({ settings: settingsResponse }) },
  }),
  putSettings: endpoint({
    method: 'PUT',
    path: `${projectPath}/settings`,
    auth: 'project',
    scope: '*',
    tag: 'Projects',
    summary: "Replace the project's plan-change defaults",
    body: updateProjectSettingsBody,
    response: { status: 200, schema: z.strictObject({ settings: settingsResponse }) },
  }),
  getSync: endpoint({
    method: 'GET',
    path: `${projectPath}/sync`,
    auth: 'project',
    scope: 'analytics:read',
    tag: 'Projects',
    summary: 'Get the latest import of Stripe history',
    response: { status: 200, schema: z.strictObject({ import: historyImportResponse.nullable() }) },
  }),
  sync: endpoint({
    method: 'POST',
    path: `${projectPath}/sync`,
    auth: 'project',
    scope: '*',
    tag: 'Projects',
    summary: 'Sync customers and the catalog from Stripe and import its history',
    response: {
      status: 200,
      schema: z.strictObject({
        sync: z.strictObject({ customers: syncCounts, products: syncCounts, prices: syncCounts }),
        import: historyImportResponse,
      }),
    },
    errors: [409, 502],
  }),
};
