import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll } from 'vitest';
import { getDb } from '@/db/client';
import { deliverDueWebhooks, type DeliverOptions } from '@/lib/outgoing-webhooks/delivery';

export interface Received {
  id: string;
  type: string;
  timestamp: string;
  data: any;
}

export interface Receiver {
  url: string;
  /** Every request as it arrived: the raw body and the headers. */
  requests: { body: string; headers: IncomingHttpHeaders }[];
  /** The answer to the next requests; a number is a status, `hang` never answers. */
  answer: number | 'hang';
  answerBody: string;
  /** The events from request `since` on, verified against `secret` with the standardwebhooks package. */
  verified(secret: string, since?: number): Received[];
}

/** A SaaS backend on a loopback port, recording what BillStack posts to it. */
export function useReceiver(): () => Receiver {
  let server: Server | undefined;
  const receiver: Receiver = {
    url: '',
    requests: [],
    answer: 200,
    answerBody: '{"ok":true}',
    verified(secret, since = 0) {
      const webhook = new Webhook(secret);
      return this.requests.slice(since).map(({ body, headers }) => {
        const event = webhook.verify(body, headers as Record<string, string>) as Omit<Received, 'id'>;
        return { id: headers['webhook-id'] as string, ...event };
      });
    },
  };
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      receiver.requests.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      if (receiver.answer === 'hang') return;
      res.writeHead(receiver.answer, { 'content-type': 'text/plain' }).end(receiver.answerBody);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/billstack-webhooks`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });
  return () => receiver;
}

/** Runs the worker's task until nothing is due; answers the attempts made. */
export async function drain(options?: DeliverOptions): Promise<number> {
  const db = await getDb();
  let total = 0;
  for (let done = await deliverDueWebhooks(db, options); done > 0; done = await deliverDueWebhooks(db, options)) total += done;
  return total;
}
