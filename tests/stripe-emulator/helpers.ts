import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { expect } from 'vitest';
import { startStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from '@/stripe-emulator/server';
import fixtures from './stripe-fixtures.json';

/** A fresh, well-formed test key: a fresh emulated account. */
export function newKey(prefix = 'sk_test_'): string {
  return `${prefix}${randomBytes(18).toString('hex')}`;
}

export function sdk(emulator: StripeEmulator, key: string): Stripe {
  return new Stripe(key, {
    host: '127.0.0.1',
    port: emulator.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
  });
}

export async function startTestEmulator(options: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  return startStripeEmulator({ port: 0, webhookRetryDelaysMs: [20, 40, 80], ...options });
}

type FixtureName = keyof typeof fixtures.resources;

// Fixture keys that SDK 23 (API 2026-10-28.endive) no longer has on the resource.
const ABSENT_FROM_API_VERSION: Partial<Record<FixtureName, string[]>> = {
  // Moved to `parent.subscription_details.subscription` in 2025-03-31.basil.
  invoice: ['subscription'],
};

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/**
 * Asserts `object` has every top-level key of Stripe's example object of the resource, with the
 * same JSON type (null on either side matches anything: those fields are nullable).
 */
export function expectStripeShape(object: unknown, name: FixtureName): void {
  const example = fixtures.resources[name] as Record<string, unknown>;
  // JSON round trip: the SDK hands decimal strings back as Stripe.Decimal objects.
  const actual = JSON.parse(JSON.stringify(object)) as Record<string, unknown>;
  const skipped = ABSENT_FROM_API_VERSION[name] ?? [];
  const problems = Object.entries(example).flatMap(([key, value]) => {
    if (skipped.includes(key)) return [];
    if (!(key in actual)) return [`${name}.${key} is missing`];
    const [want, got] = [jsonType(value), jsonType(actual[key])];
    return want === 'null' || got === 'null' || want === got ? [] : [`${name}.${key} is ${got}, Stripe's is ${want}`];
  });
  expect(problems).toEqual([]);
}

export interface ReceivedWebhook {
  raw: string;
  headers: IncomingHttpHeaders;
  event: Stripe.Event;
}

/** A local webhook endpoint; answers 500 to the first `failFirst` deliveries. */
export async function startReceiver({ failFirst = 0 } = {}) {
  const received: ReceivedWebhook[] = [];
  let failuresLeft = failFirst;
  let attempts = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      attempts++;
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(500).end('nope');
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ raw, headers: req.headers, event: JSON.parse(raw) as Stripe.Event });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    attempts: () => attempts,
    types: () => received.map((r) => r.event.type),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Customer (with a card that pays, as Stripe needs to charge a subscription), product and monthly price. */
export async function monthlyPlan(stripe: Stripe, unitAmount = 2000) {
  const customer = await stripe.customers.create({
    email: `c${randomBytes(4).toString('hex')}@example.com`,
    payment_method: 'pm_card_visa',
    invoice_settings: { default_payment_method: 'pm_card_visa' },
  });
  const product = await stripe.products.create({ name: 'Pro' });
  const price = await stripe.prices.create({
    product: product.id,
    unit_amount: unitAmount,
    currency: 'usd',
    recurring: { interval: 'month' },
  });
  return { customer, product, price };
}
