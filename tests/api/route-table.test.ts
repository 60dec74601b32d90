/**
 * The route table (lib/api/table) is the one list of endpoints: every method a route file exports serves exactly
 * its table entry (the wrapper was built from it), and every entry is served. The security matrix's lists are
 * read from the table or checked against it here.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routeFolder } from '@/lib/api/endpoint';
import { endpointIndexMarkdown } from '@/lib/api/endpoint-index';
import { routeTable } from '@/lib/api/table';
import { routeOptionsOf } from '@/lib/http/route';
import { projectEndpoints } from '../helpers/project-endpoints';
import { exportedRoutes } from '../helpers/route-files';

const tableKey = (endpoint: { path: string; method: string }) => `${routeFolder(endpoint.path)} ${endpoint.method}`;

describe('the route table', () => {
  it('declares every method of every route file, and the file is built from that entry', async () => {
    const byKey = new Map(routeTable.map(({ endpoint }) => [tableKey(endpoint), endpoint]));
    const mismatched = (await exportedRoutes()).filter(({ key, handler }) => routeOptionsOf(handler) !== byKey.get(key) || !byKey.has(key));
    expect(mismatched.map(({ key }) => key)).toEqual([]);
  });

  it('names no endpoint without a route file', async () => {
    const exported = new Set((await exportedRoutes()).map(({ key }) => key));
    expect(routeTable.map(({ endpoint }) => tableKey(endpoint)).filter((key) => !exported.has(key))).toEqual([]);
  });

  it('has one entry per method and path, and unique operation ids', () => {
    expect(new Set(routeTable.map(({ endpoint }) => tableKey(endpoint))).size).toBe(routeTable.length);
    expect(new Set(routeTable.map(({ operationId }) => operationId)).size).toBe(routeTable.length);
  });

  it('agrees with the project endpoints of the security matrix on auth, scope, method and success status', () => {
    const matrix = projectEndpoints.map(({ name, handler, method, scope, success }) => {
      const endpoint = routeTable.find((row) => row.endpoint === routeOptionsOf(handler))?.endpoint;
      const declared = { method: endpoint?.method, auth: endpoint?.auth, scope: endpoint?.scope, status: endpoint?.response.status };
      return { name, ...declared, expected: { method, scope, success } };
    });
    for (const row of matrix) {
      expect({ name: row.name, method: row.method, auth: row.auth, scope: row.scope, status: row.status }).toEqual({
        name: row.name,
        method: row.expected.method,
        auth: 'project',
        scope: row.expected.scope,
        status: row.expected.success,
      });
    }
    const inMatrix = new Set(projectEndpoints.map(({ handler }) => routeOptionsOf(handler)));
    const missing = routeTable.filter(({ endpoint }) => endpoint.auth === 'project' && !inMatrix.has(endpoint));
    expect(missing.map(({ operationId }) => operationId)).toEqual([]);
  });

  it("is the README's endpoint index (npm run docs:endpoints)", () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const start = '<!-- route-table:start -->\n';
    const block = readme.slice(readme.indexOf(start) + start.length, readme.indexOf('\n<!-- route-table:end -->'));
    expect(block).toBe(endpointIndexMarkdown(routeTable));
  });
});
