import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { stripeConnections } from '../db/schema';
import { decryptSecret } from '../lib/crypto/secret-box';
import { webhookUrl } from '../lib/stripe/connection';
import type { StripeEmulator } from '../stripe-emulator/server';
import { startBareServer } from './bare';
import { connectDrizzle } from './database';
import { measureTogether, type LoadSettings, type LoadTarget, type Measurement } from './load';
import { buildHasRoute } from './next-server';
import { repoRoot } from './processes';
import { connectStripe, type Tenant } from './seed';
import { CustomerEventStream, createCustomerPool } from './stripe-events';
import { onTeardown } from './teardown';

const intakeRoute = '/api/billstack/webhooks/stripe';
const intakeRouteFile = path.join(repoRoot, 'app', intakeRoute, 'route.ts');

export type WebhookCaseResult =
  | { skipped: string }
  | {
      bare: Measurement;
      next: Measurement;
      /** The same server's /api/health under the same load: Next's own floor. */
      health: Measurement;
      duplicateShare: number;
      /** How many of the Next intake's receipts said what (`queued`, `duplicate`). */
      receipts: Map<string, number>;
    };

/** The team's endpoint secret as BillStack stored it, decrypted with the same key the server has. */
export async function webhookSecretOf(databaseUrl: string, teamId: string): Promise<string> {
  const { db, close } = connectDrizzle(databaseUrl);
  try {
    const [connection] = await db.select().from(stripeConnections).where(eq(stripeConnections.teamId, teamId));
    if (!connection) throw new Error(`no stripe_connections row for ${teamId} after connecting`);
    return decryptSecret(connection.webhookSecretEncrypted, teamId);
  } finally {
    await close();
  }
}

/** Posts the stream's events, each signed at the moment it is sent. */
export function eventTarget(label: string, url: string, stream: CustomerEventStream, secret: string): LoadTarget {
  return {
    label,
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    nextRequest: () => {
      const payload = stream.next();
      return { body: payload, headers: { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }) } };
    },
  };
}

function tally(receipts: Map<string, number>) {
  return (status: number, body: string) => {
    if (status !== 200) return;
    const result = String((JSON.parse(body) as { status?: unknown }).status);
    receipts.set(result, (receipts.get(result) ?? 0) + 1);
  };
}

/**
 * Stripe events verified and queued by the production intake route, against a bare handler that only checks the
 * signature and inserts the event, and the same server's /api/health. Skipped until the route exists and is built.
 */
export async function runWebhookCase(opts: {
  origin: string;
  tenant: Tenant;
  databaseUrl: string;
  emulator: StripeEmulator;
  settings: LoadSettings;
  duplicateShare: number;
  customerCount: number;
}): Promise<WebhookCaseResult> {
  const { origin, tenant, databaseUrl, emulator, settings, duplicateShare } = opts;
  if (!fs.existsSync(intakeRouteFile)) return { skipped: 'webhook intake route not present' };
  if (!buildHasRoute(intakeRoute)) return { skipped: 'webhook intake route not in the current build: run `npx next build` first' };

  const secretKey = `sk_test_${crypto.randomBytes(12).toString('hex')}`;
  const stripe = new Stripe(secretKey, { host: '127.0.0.1', port: emulator.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
  const customers = await createCustomerPool(stripe, tenant.projectId, opts.customerCount);
  await connectStripe(origin, tenant, secretKey);
  const secret = await webhookSecretOf(databaseUrl, tenant.teamId);

  const bareServer = await startBareServer({ databaseUrl, webhookSecret: secret });
  onTeardown('stop the webhook bare server', bareServer.stop);
  const receipts = new Map<string, number>();
  try {
    const nextUrl = webhookUrl(origin, tenant.teamId);
    const [bare, next, health] = await measureTogether(
      [
        eventTarget('bare: signature check + insert', `${bareServer.origin}/webhook`, new CustomerEventStream(customers, duplicateShare), secret),
        { ...eventTarget('Next intake route', nextUrl, new CustomerEventStream(customers, duplicateShare), secret), onBody: tally(receipts) },
        { label: 'Next /api/health (floor)', url: `${origin}/api/health` },
      ],
      settings,
    );
    return { bare, next, health, duplicateShare, receipts };
  } finally {
    await bareServer.stop();
  }
}
