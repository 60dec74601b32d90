import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll } from 'vitest';
import { routeFolder } from '@/lib/api/endpoint';
import { routeTable } from '@/lib/api/table';
import type { RouteHandler } from '@/lib/http/route';

/** `/api/billstack/teams/{teamId}` as a pattern capturing each parameter by name. */
function pattern(openApiPath: string): RegExp {
  return new RegExp(`^${openApiPath.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);
}

const routes = routeTable.map(({ endpoint }) => ({ endpoint, pattern: pattern(endpoint.path) }));

/**
 * A loopback HTTP server that serves app/api/billstack's route handlers, found through the route table, for
 * clients that speak HTTP (the typed client). It is the handlers Next would run, without Next's router and
 * middleware (the wrappers do the real checks). Answers 404 for what the table does not name.
 */
export function useApiServer(): () => string {
  let server: Server | undefined;
  let origin = '';
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', origin);
      const match = routes
        .filter(({ endpoint }) => endpoint.method === req.method)
        .map(({ endpoint, pattern }) => ({ endpoint, params: pattern.exec(url.pathname)?.groups }))
        .find(({ params }) => params);
      if (!match?.params) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Not found' }));
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const file = path.join(process.cwd(), 'app/api/billstack', routeFolder(match.endpoint.path), 'route.ts');
      const handler = ((await import(file)) as Record<string, RouteHandler>)[match.endpoint.method];
      const request = new NextRequest(url, {
        method: req.method,
        headers: Object.entries(req.headers).flatMap(([key, value]): [string, string][] => (typeof value === 'string' ? [[key, value]] : [])),
        body: chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined,
      });
      const params = Object.fromEntries(Object.entries(match.params).map(([key, value]) => [key, decodeURIComponent(value)]));
      const response = await handler(request, { params: Promise.resolve(params) });
      res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });
  return () => origin;
}
