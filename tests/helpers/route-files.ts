import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { RouteHandler } from '@/lib/http/route';

const apiRoot = path.join(process.cwd(), 'app/api/billstack');
const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

async function routeFiles(dir = apiRoot): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return routeFiles(full);
      return Promise.resolve(/^route\.(ts|tsx|js)$/.test(entry.name) ? [full] : []);
    }),
  );
  return nested.flat();
}

/** The catch-all answering JSON 404s for paths no route serves (tests/api/unknown-endpoint.test.ts): no endpoint. */
export const unknownEndpointRoute = '[...path]';

/**
 * Every exported method of every route file under app/api/billstack (but the unknown-path catch-all), its folder
 * named as in `teams/[teamId]/api-keys`.
 */
export async function exportedRoutes() {
  const found: { route: string; method: string; key: string; handler: RouteHandler }[] = [];
  for (const file of await routeFiles()) {
    const route = path.relative(apiRoot, path.dirname(file)).split(path.sep).join('/');
    if (route === unknownEndpointRoute) continue;
    const module: Record<string, RouteHandler> = await import(file);
    for (const method of methods) if (module[method]) found.push({ route, method, key: `${route} ${method}`, handler: module[method] });
  }
  return found;
}
