import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll } from 'vitest';
import { getDb } from '@/db/client';
import { webhookUrl } from '@/lib/stripe/connection';
import { drainStripeEvents } from '@/lib/worker';
import * as webhookRoute from '@/app/api/billstack/webhooks/stripe/route';

/**
 * A loopback HTTP server in front of the in-process webhook route, so the emulator delivers real,
 * signed webhooks over HTTP to the very handler Next would run. Sets BILLSTACK_URL so that teams
 * connected afterwards register this server as their webhook endpoint.
 *
 * The route only queues; before answering the emulator, the bridge drains the queue with the worker's own code,
 * so that `emulator.idle()` still means "every webhook so far is applied" (or waiting for a retry). It drains the
 * team's events only: other test files (their own emulators) may share the PostgreSQL database.
 */
export function useWebhookBridge(): () => string {
  let server: Server | undefined;
  let origin = '';
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const teamId = new URL(req.url ?? '/', origin).searchParams.get('team');
      if (req.method !== 'POST' || !teamId || req.url !== webhookUrl('', teamId)) {
        res.writeHead(404).end();
        return;
      }
      const request = new NextRequest(`${origin}${req.url}`, {
        method: 'POST',
        headers: Object.entries(req.headers).flatMap(([key, value]): [string, string][] => (typeof value === 'string' ? [[key, value]] : [])),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const response = await webhookRoute.POST(request, { params: Promise.resolve({}) });
      if (response.ok) await drainStripeEvents(await getDb(), teamId);
      res.writeHead(response.status, { 'content-type': 'application/json' }).end(await response.text());
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.BILLSTACK_URL = origin;
  });
  afterAll(async () => {
    delete process.env.BILLSTACK_URL;
    await new Promise((resolve) => server?.close(resolve));
  });
  return () => origin;
}
